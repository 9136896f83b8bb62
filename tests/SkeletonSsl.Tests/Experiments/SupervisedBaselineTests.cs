using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using TorchSharp.Modules;

namespace SkeletonSsl.Tests.Experiments;

/// <summary>The supervised ST-GCN rows (AimCLR Tables 5 and 8): a random-init encoder trained with all labels.</summary>
public sealed class SupervisedBaselineTests
{
    private static PretrainRun RandomInitRun(Profile profile)
    {
        using var context = new ExperimentContext(profile, 3, TorchSharp.torch.CPU, null, Path.GetTempPath());
        return Pretraining.Run(context, ExperimentSpec.Single(RandomInitConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub", "finetune").Pretrains.Single());
    }

    [Fact]
    public void Finetune_trains_a_random_init_encoder_in_train_mode_and_a_pre_trained_one_as_AimCLR()
    {
        Assert.Null(RandomInitRun(Profile.Smoke).Checkpoint);
        Assert.False(RandomInitConfig.Paper.Recipes!.FineTune.For(Profile.Smoke).EvalModeDuringTraining);
        Assert.True(AimClrConfig.Paper.Recipes!.FineTune.For(Profile.Smoke).EvalModeDuringTraining);
        Assert.True(SkeletonClrConfig.Paper.Recipes!.FineTune.EvalModeDuringTraining);
        Assert.False(RandomInitConfig.Gru.Recipes!.FineTune.EvalModeDuringTraining);
    }

    [Theory]
    [InlineData(Profile.Smoke)]
    [InlineData(Profile.Quick)]
    public void The_random_init_encoder_starts_from_the_reference_N_0_0_02_init(Profile profile)
    {
        using var encoder = (StGcnEncoder)RandomInitRun(profile).Encoder!(TorchSharp.torch.CPU);
        Assert.Equal(StGcnInit.Reference, encoder.Config.Init);
        // Every convolution of the whole model: weights N(0, 0.02²), biases 0 (spec/aimclr.md §3.4).
        var convs = encoder.modules().OfType<Conv2d>().ToList();
        Assert.NotEmpty(convs);
        using var weights = TorchSharp.torch.cat(convs.Select(c => c.weight!.detach().flatten()).ToList(), 0);
        Assert.InRange(weights.std().item<float>(), 0.019f, 0.021f);
        Assert.All(convs, c => Assert.Equal(0f, c.bias!.abs().max().item<float>()));
    }
}
