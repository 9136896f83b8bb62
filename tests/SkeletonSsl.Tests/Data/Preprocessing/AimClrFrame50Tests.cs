using SkeletonSsl.Data.Preprocessing;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Data.Preprocessing;

public sealed class AimClrFrame50Tests
{
    /// <summary>(n, 3, 300, 25, 2): body 0 present for lengths[i] frames with shoulders turned by a per-frame yaw; body 1 absent.</summary>
    private static Tensor Clips(int[] lengths, int seed)
    {
        NativeRuntime.EnsureInitialised();
        var g = new Generator((ulong)seed);
        var x = zeros([lengths.Length, 3, 300, 25, 2]);
        for (int i = 0; i < lengths.Length; i++)
        {
            var body = randn([3, lengths[i], 25], generator: g) * 0.2f + 1.5f;
            for (int t = 0; t < lengths[i]; t++)
            {
                // Shoulders 0.4 m apart, yawed by 0.3 + 0.01 t (all with the same z sign).
                double a = 0.3 + 0.01 * t;
                var centre = body[.., t, 20];
                body[.., t, 8] = centre + tensor(new[] { (float)(0.2 * Math.Cos(a)), 0f, (float)(-0.2 * Math.Sin(a)) });
                body[.., t, 4] = centre - tensor(new[] { (float)(0.2 * Math.Cos(a)), 0f, (float)(-0.2 * Math.Sin(a)) });
            }
            x[i, .., TensorIndex.Slice(0, lengths[i]), .., 0] = body;
        }
        return x;
    }

    [Fact]
    public void Valid_length_counts_frames_with_a_non_zero_spine_base_of_body_0()
    {
        using var x = Clips([37, 300, 1], seed: 1);
        x[0, .., 10, 0, 0] = 0;   // one interior frame lost: counted out, as the reference does
        Assert.Equal([36, 300, 1], AimClrFrame50.ValidLengths(x));
    }

    [Fact]
    public void Output_has_50_frames_and_spine_shoulder_at_the_origin()
    {
        using var x = Clips([37, 120, 50], seed: 2);
        using var y = AimClrFrame50.Apply(x, AimClrFrame50.ValidLengths(x));
        Assert.Equal([3L, 3, 50, 25, 2], y.shape);
        Assert.True(y[.., .., .., 20].abs().max().item<float>() < 1e-5f);
        Assert.Equal(0f, y[.., .., .., .., 1].abs().max().item<float>());
    }

    [Fact]
    public void Y_rotation_puts_the_shoulder_line_on_plus_x_in_every_frame()
    {
        using var x = Clips([80], seed: 3);
        using var y = AimClrFrame50.Apply(x, AimClrFrame50.ValidLengths(x));
        var u = y[0, .., .., 8, 0] - y[0, .., .., 4, 0];          // (3, 50)
        Assert.True(u[2].abs().max().item<float>() < 1e-3f, "z of the shoulder line must vanish");
        Assert.True(u[0].min().item<float>() > 0.39f, "the shoulder line must point along +x");
    }

    [Fact]
    public void Rotation_sign_is_decided_once_per_sequence_from_the_sum_of_z()
    {
        // Shoulder line (1, 0, −1) in every frame: Σz < 0, so a = +arccos(1/√2) and R maps it to (√2, 0, 0).
        NativeRuntime.EnsureInitialised();
        var x = zeros([1, 3, 2, 25, 1]);
        x[0, .., .., 8, 0] = tensor(new[] { 1f, 0f, -1f }).unsqueeze(1);
        using var y = AimClrFrame50.RotateY(x);
        Assert.Equal(Math.Sqrt(2), y[0, 0, 0, 8, 0].item<float>(), 3);
        Assert.Equal(0, y[0, 2, 1, 8, 0].item<float>(), 3);
    }
}
