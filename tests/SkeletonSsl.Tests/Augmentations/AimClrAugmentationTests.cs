using SkeletonSsl.Augmentations;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Augmentations;

public sealed class AimClrAugmentationTests
{
    [Fact]
    public void Crop_window_reflects_at_both_ends_like_the_spec_examples()
    {
        // spec/aimclr.md §12: s = 0 gives frames [7..0, 0..41]; s = 16 gives [8..49, 49..42].
        using var scope = NewDisposeScope();
        var frames = arange(50, dtype: ScalarType.Float32).view(1, 1, 50, 1, 1).expand(400, 3, 50, 25, 2).contiguous();
        var y = new TemporalCropPad(6).Apply(ClipBatch.Full(frames), Clips.Seeded()).X;
        var first = y[.., 0, .., 0, 0];                                            // (N, T) frame ids
        var starts = (first[.., 8] - 0).to(ScalarType.Int64);                     // frame read at t = 8 is s (for s ≤ 16)
        long[] s0 = [7, 6, 5, 4, 3, 2, 1, 0, .. Enumerable.Range(0, 42).Select(i => (long)i)];
        long[] s16 = [.. Enumerable.Range(8, 42).Select(i => (long)i), 49, 48, 47, 46, 45, 44, 43, 42];
        bool sawStart0 = false, sawStart16 = false;
        for (int i = 0; i < 400; i++)
        {
            var row = first[i].to(ScalarType.Int64).data<long>().ToArray();
            if (row.SequenceEqual(s0)) sawStart0 = true;
            if (row.SequenceEqual(s16)) sawStart16 = true;
            Assert.Equal(50, row.Length);
        }
        Assert.True(sawStart0 && sawStart16, "400 draws of s ~ U{0 … 16} should include both ends");
    }

    [Fact]
    public void Crop_start_covers_0_to_16_uniformly()
    {
        using var scope = NewDisposeScope();
        var frames = arange(50, dtype: ScalarType.Float32).view(1, 1, 50, 1, 1).expand(3400, 3, 50, 25, 1).contiguous();
        var y = new TemporalCropPad(6).Apply(ClipBatch.Full(frames), Clips.Seeded(3)).X;
        // t = 49 reads j = s + 41: frames 41..49 for s ≤ 8, then reflected 49..42 for s = 9..16 → recover s.
        var last = y[.., 0, 49, 0, 0].to(ScalarType.Int64);
        var atEight = y[.., 0, 8, 0, 0].to(ScalarType.Int64);                      // j = s for s ≤ 16: frame s
        var counts = atEight.bincount(null, 17).data<long>().ToArray();
        Assert.Equal(17, counts.Length);
        Assert.All(counts, c => Assert.InRange(c, 140, 260));                      // 3400/17 = 200 each
        Assert.True(last.min().item<long>() >= 41);
    }

    [Fact]
    public void Zero_shear_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random();
        Assert.Equal(0f, Clips.MaxAbsDiff(new Shear(0).Apply(ClipBatch.Full(x), Clips.Seeded()).X, x));
    }

    [Fact]
    public void Shear_off_diagonals_fall_in_the_amplitude_and_the_diagonal_is_one()
    {
        using var scope = NewDisposeScope();
        var s = Shear.Matrices(Clips.Seeded(), 2000, 0.5);
        var eye3 = eye(3, dtype: ScalarType.Float64).to(ScalarType.Bool);
        var off = s.masked_select(eye3.logical_not().expand(2000, 3, 3));
        Assert.True(off.abs().max().item<double>() <= 0.5);
        Assert.True(off.abs().max().item<double>() > 0.49);
        Assert.InRange(off.mean().item<double>(), -0.02, 0.02);
        Assert.Equal(1.0, s.masked_select(eye3.expand(2000, 3, 3)).min().item<double>());
    }

    [Fact]
    public void Rotation_preserves_bone_lengths()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 16);
        var y = new Rotate().Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        var before = Streams.Bone(x).norm(1);
        var after = Streams.Bone(y).norm(1);
        Assert.True(Clips.MaxAbsDiff(before, after) < 1e-4f);
        Assert.True(Clips.MaxAbsDiff(x, y) > 1e-3f);
    }

    [Fact]
    public void Rotation_angles_are_one_sided_with_one_main_axis_up_to_30_degrees()
    {
        using var scope = NewDisposeScope();
        var r = new Rotate().Matrices(Clips.Seeded(5), 3000);
        // For small side angles, R ≈ R_main: the main axis's cos is the smallest diagonal entry.
        var diag = r.diagonal(dim1: 1, dim2: 2);                                   // (N, 3)
        var minCos = diag.min(1).values;
        double maxAngle = Math.Acos(minCos.min().item<double>()) * 180 / Math.PI;
        Assert.InRange(maxAngle, 28, 31.5);
        // R_x(α) maps y to (0, cos α, −sin α): element (2, 1) ≈ −sin α ≤ 0 for one-sided angles when x is main.
        var orthogonality = r.bmm(r.transpose(1, 2)) - eye(3, dtype: ScalarType.Float64);
        Assert.True(orthogonality.abs().max().item<double>() < 1e-12);
        var det = linalg.det(r);
        Assert.True((det - 1).abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void Spatial_flip_twice_is_the_identity_and_swaps_the_arms()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random();
        var flip = new SpatialFlip(1.0);
        var once = flip.Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        Assert.Equal(0f, Clips.MaxAbsDiff(once[.., .., .., NtuLayout.ShoulderLeft], x[.., .., .., NtuLayout.ShoulderRight]));
        Assert.Equal(0f, Clips.MaxAbsDiff(flip.Apply(ClipBatch.Full(once), Clips.Seeded()).X, x));
    }

    [Fact]
    public void Temporal_flip_twice_is_the_identity_and_reverses_time()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random();
        var flip = new TemporalFlip(1.0);
        var once = flip.Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        Assert.Equal(0f, Clips.MaxAbsDiff(once[.., .., 0], x[.., .., 49]));
        Assert.Equal(0f, Clips.MaxAbsDiff(flip.Apply(ClipBatch.Full(once), Clips.Seeded()).X, x));
    }

    [Fact]
    public void Probability_half_flips_about_half_the_clips()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 1000, t: 4);
        var y = new TemporalFlip(0.5).Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        var changed = (y - x).abs().sum([1, 2, 3, 4]).gt(0).sum().item<long>();
        Assert.InRange(changed, 430, 570);
    }

    [Fact]
    public void Blur_kernel_matches_the_unnormalised_formula_and_gain()
    {
        var w = GaussianBlur.Kernel(2.0);
        Assert.Equal(15, w.Length);
        Assert.Equal(1.0, w[7]);
        Assert.Equal(Math.Exp(-9.0 / 8.0), w[7 + 3], 12);
        Assert.Equal(5.0125, w.Sum(), 4);                                          // spec/aimclr.md §12
    }

    [Fact]
    public void Blur_of_a_constant_signal_scales_the_interior_by_the_kernel_sum()
    {
        using var scope = NewDisposeScope();
        var x = ones(new long[] { 400, 3, 50, 25, 2 });
        var y = new GaussianBlur(probability: 1.0).Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        var gain = y[.., 0, 25, 0, 0];                                             // interior frame: Σ_k w_k(σ)
        Assert.InRange(gain.min().item<float>(), 1.0f - 1e-5f, 1.6f);             // σ near 0.1 gives ≈ 1
        Assert.InRange(gain.max().item<float>(), 4.4f, 5.0126f);                   // σ near 2 gives ≈ 5.01
        Assert.True((y[.., 0, 0, 0, 0] < y[.., 0, 25, 0, 0] + 1e-5f).all().item<bool>());   // less gain at the ends
        Assert.InRange(gain.mean().item<float>(), 2.45f, 2.95f);                   // mean gain over U(0.1, 2) ≈ 2.70
    }

    [Fact]
    public void Blur_equals_a_direct_convolution_for_the_drawn_sigma()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 1, t: 30);
        var y = new GaussianBlur(probability: 1.0).Apply(ClipBatch.Full(x), Clips.Seeded(11)).X;
        double sigma = BatchOpsProbe.FirstUniform(11, 0.1, 2.0);
        var w = GaussianBlur.Kernel(sigma);
        var signal = x[0, 1, .., 4, 0].data<float>().ToArray();
        for (int t = 0; t < 30; t++)
        {
            double expected = 0;
            for (int k = -7; k <= 7; k++)
                if (t + k is >= 0 and < 30) expected += w[k + 7] * signal[t + k];
            Assert.Equal(expected, y[0, 1, t, 4, 0].item<float>(), 4);
        }
    }

    [Fact]
    public void Axis_mask_zeroes_one_whole_axis_in_about_half_the_clips()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 600, t: 4) + 5;                                    // no zeros to start with
        var y = new AxisMask().Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        var zeroAxes = y.abs().sum([2, 3, 4]).eq(0);                               // (N, 3)
        var perClip = zeroAxes.sum(1);
        Assert.True(perClip.le(1).all().item<bool>());
        Assert.InRange(perClip.sum().item<long>(), 250, 350);
        Assert.All(new[] { 0, 1, 2 }, a => Assert.InRange(zeroAxes[.., a].sum().item<long>(), 70, 130));
    }

    [Fact]
    public void Noise_has_the_spec_standard_deviation_where_applied()
    {
        using var scope = NewDisposeScope();
        var x = zeros(new long[] { 400, 3, 20, 25, 2 });
        var y = new GaussianNoise().Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        var noisy = y.abs().sum([1, 2, 3, 4]).gt(0);
        Assert.InRange(noisy.sum().item<long>(), 160, 240);
        Assert.InRange(y[noisy].std().item<float>(), 0.0098f, 0.0102f);
    }
}

/// <summary>Replays the first draw of a generator the way the transforms draw it.</summary>
internal static class BatchOpsProbe
{
    public static double FirstUniform(ulong seed, double lo, double hi) =>
        (rand(new[] { 1L }, dtype: ScalarType.Float64, generator: new Generator(seed)) * (hi - lo) + lo).item<double>();
}
