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
        var sigma = (d.square().sum([2, 3], keepdim: true) / (13 * 25) + 1e-4).sqrt();   // Eq. 3: σ̂² = Σd²/N
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

    /// <summary>One channel of N = 3 positions, F = [1, 1, 4]: μ̂ = 2, d = [−1, −1, 2], Σd² = 6.</summary>
    private static Tensor ThreePositions() => tensor(new float[] { 1, 1, 4 }).view(1, 1, 1, 3);

    [Fact]
    public void Attention_divides_the_squared_deviations_by_N_as_in_Eq_3()
    {
        using var scope = NewDisposeScope();
        _ = Clips.Random(1, 1);
        // σ̂² = 6/3 = 2 (λ = 0): y = d²/(4σ̂²) + 1/2 = [0.625, 0.625, 1.0].
        var a = Eadm.Attention(ThreePositions(), lambda: 0);
        var expected = tensor(new float[] { 0.625f, 0.625f, 1.0f }).view(1, 1, 1, 3).sigmoid();
        Assert.True(Clips.MaxAbsDiff(a, expected) < 1e-6f, string.Join(", ", a.data<float>().ToArray()));
        Assert.Equal(EadmVariance.Population, new EadmOptions().Variance);
    }

    [Fact]
    public void Unbiased_option_divides_by_N_minus_1_as_the_released_code()
    {
        using var scope = NewDisposeScope();
        _ = Clips.Random(1, 1);
        // σ̂² = 6/2 = 3 (λ = 0): y = d²/(4σ̂²) + 1/2 = [7/12, 7/12, 5/6].
        var a = Eadm.Attention(ThreePositions(), lambda: 0, EadmVariance.Unbiased);
        var expected = tensor(new[] { 7f / 12, 7f / 12, 5f / 6 }).view(1, 1, 1, 3).sigmoid();
        Assert.True(Clips.MaxAbsDiff(a, expected) < 1e-6f, string.Join(", ", a.data<float>().ToArray()));
    }

    [Fact]
    public void The_variance_form_decides_whether_a_borderline_element_is_dropped()
    {
        using var scope = NewDisposeScope();
        _ = Clips.Random(1, 1);
        var f = ThreePositions();
        // 1/N: a = sigmoid(1.0) = 0.731 ≥ 0.7 at the last position, so both masks drop it and each
        // rescales the two kept positions by 3/2: [1, 1, 4] → [2.25, 2.25, 0].
        var population = new Eadm(new EadmOptions(Lambda: 0)).forward(f);
        Assert.True(Clips.MaxAbsDiff(population, tensor(new[] { 2.25f, 2.25f, 0f }).view(1, 1, 1, 3)) < 1e-6f);
        // 1/(N − 1): a = sigmoid(5/6) = 0.697 < 0.7 everywhere, so nothing is dropped and F passes unchanged.
        var unbiased = new Eadm(new EadmOptions(Lambda: 0, Variance: EadmVariance.Unbiased)).forward(f);
        Assert.Equal(0f, Clips.MaxAbsDiff(unbiased, f));
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
