using SkeletonSsl.Methods;
using SkeletonSsl.Methods.Shared;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Methods;

public sealed class AimClrTests
{
    private static StepContext Context(int epoch) => new(epoch, 0, 0, 0.1, CPU, new Generator(5));

    [Fact]
    public void Step_gives_a_finite_loss_whose_gradient_reaches_the_query_encoder_only()
    {
        var method = TestViews.AimClr();
        method.OnEpochStart(1);
        var output = method.Step(TestViews.Batch(8), Context(1));
        Assert.True(double.IsFinite(output.Loss.item<float>()));
        output.Loss.backward();
        Assert.All(method.Encoder.parameters(), p => Assert.NotNull(p.grad));
        var keyEncoder = method.named_children().Single(c => c.name == "encoder_k").module;
        Assert.All(keyEncoder.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void Loss_is_contrastive_plus_half_the_two_d3m_terms()
    {
        var method = TestViews.AimClr();
        method.OnEpochStart(1);
        var output = method.Step(TestViews.Batch(8), Context(1));
        var terms = output.Terms.ToDictionary(t => t.Key, t => t.Value.item<float>());
        Assert.Equal(terms["contrastive"] + 0.5 * (terms["d3m_extreme"] + terms["d3m_drop"]), output.Loss.item<float>(), 4);
    }

    [Fact]
    public void Nearest_neighbour_mining_starts_after_the_mining_epoch()
    {
        var method = TestViews.AimClr(new AimClrSettings { MiningEpoch = 2 });
        method.OnEpochStart(2);
        Assert.False(method.Mining);
        var stage1 = method.Step(TestViews.Batch(8), Context(2));
        Assert.Equal(0f, stage1.Terms.Single(t => t.Key == "nnm_active").Value.item<float>());
        method.OnEpochStart(3);
        Assert.True(method.Mining);
        var stage2 = method.Step(TestViews.Batch(8), Context(3));
        Assert.Equal(1f, stage2.Terms.Single(t => t.Key == "nnm_active").Value.item<float>());
    }

    [Fact]
    public void Each_step_enqueues_the_batch_keys()
    {
        var method = TestViews.AimClr();
        method.OnEpochStart(1);
        method.Step(TestViews.Batch(8), Context(1));
        Assert.Equal(8L, method.Queue.Pointer.item<long>());
    }

    [Fact]
    public void Without_the_drop_branch_both_d3m_terms_are_the_extreme_one()
    {
        var method = TestViews.AimClr(new AimClrSettings { DropBranch = false });
        method.OnEpochStart(1);
        var terms = method.Step(TestViews.Batch(8), Context(1)).Terms.ToDictionary(t => t.Key, t => t.Value.item<float>());
        Assert.Equal(terms["d3m_extreme"], terms["d3m_drop"]);
    }
}
