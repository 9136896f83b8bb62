using SkeletonSsl.Augmentations;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Augmentations;

public sealed class EadmTests
{
    private static Tensor Features(long seed = 3) =>
        nn.functional.relu(randn(new[] { 8L, 16, 13, 25 }, generator: new Generator((ulong)seed)));

    [Fact]
    public void Attention_lies_in_the_sigmoid_range_of_the_inverse_energy()
    {
        using var scope = NewDisposeScope();
        _ = Clips.Random(1, 1);
        var a = Eadm.Attention(Features());
        Assert.True(a.min().item<float>() >= 0.6224f);
        Assert.True(a.max().item<float>() < 1f);
    }

    [Fact]
    public void An_element_is_dropped_iff_its_deviation_exceeds_1_17864_sigma()
    {
        using var scope = NewDisposeScope();
        _ = Clips.Random(1, 1);
        var f = Features();
        var a = Eadm.Attention(f);
        var d = f - f.mean([2, 3], keepdim: true);
        var sigma = (d.square().sum([2, 3], keepdim: true) / (13 * 25 - 1) + 1e-4).sqrt();
        var byThreshold = d.abs().ge(1.17864 * sigma);
        var byAttention = a.ge(0.7);
        var disagreements = byThreshold.ne(byAttention).sum().item<long>();
        Assert.True(disagreements <= 2, $"{disagreements} elements disagree");   // float ties at the threshold only
    }

    [Fact]
    public void Drop_zeroes_attended_positions_and_rescales_the_rest_batch_globally()
    {
        using var scope = NewDisposeScope();
        _ = Clips.Random(1, 1);
        var f = Features();
        var y = new Eadm().forward(f);
        var a = Eadm.Attention(f);
        var spatial = a.mean([1, 2]).lt(0.7).to(ScalarType.Float32);               // (NM, V)
        var element = a.lt(0.7).to(ScalarType.Float32);
        double scaleS = 8.0 * 25 / spatial.sum().item<float>();
        double scaleT = 8.0 * 16 * 13 * 25 / element.sum().item<float>();
        var expected = f * spatial.view(8, 1, 1, 25) * element * (scaleS * scaleT);
        Assert.True(Clips.MaxAbsDiff(y, expected) < 1e-4f);
        Assert.True(y.eq(0).sum().item<long>() > f.eq(0).sum().item<long>());
    }

    [Fact]
    public void No_gradient_flows_through_the_masks()
    {
        using var scope = NewDisposeScope();
        _ = Clips.Random(1, 1);
        var f = Features().requires_grad_(true);
        var y = new Eadm().forward(f);
        y.sum().backward();
        var expected = (y.detach() / f.detach()).nan_to_num(0);                   // d(F·m·scale)/dF = m·scale
        var grad = f.grad!;
        var nonzero = f.detach().ne(0);
        Assert.True(Clips.MaxAbsDiff(grad[nonzero], expected[nonzero]) < 1e-4f);
    }

    [Fact]
    public void Released_code_bug_option_returns_the_features_unchanged()
    {
        using var scope = NewDisposeScope();
        _ = Clips.Random(1, 1);
        var f = Features();
        var y = new Eadm(new EadmOptions(ReleasedCodeBug2021: true)).AsHook()(f);
        Assert.Equal(0f, Clips.MaxAbsDiff(y, f));
    }

    [Fact]
    public void Eadm_has_no_parameters_and_rejects_non_feature_maps()
    {
        _ = Clips.Random(1, 1);
        var eadm = new Eadm();
        Assert.Empty(eadm.parameters());
        Assert.Equal(0.7, eadm.Options.KeepProb);
        Assert.Equal(1e-4, eadm.Options.Lambda);
        Assert.Throws<ArgumentException>(() => eadm.forward(zeros(2L, 3, 4)));
    }
}
