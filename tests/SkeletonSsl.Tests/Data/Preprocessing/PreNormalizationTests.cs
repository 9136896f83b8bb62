using SkeletonSsl.Data.Preprocessing;

namespace SkeletonSsl.Tests.Data.Preprocessing;

public sealed class PreNormalizationTests
{
    private const int T = 300;

    private static float[] Sample(int frames, int seed, int bodies = 1, int firstFrame = 0)
    {
        var rng = new Random(seed);
        var x = new float[3 * T * 25 * 2];
        for (int m = 0; m < bodies; m++)
        for (int t = firstFrame; t < firstFrame + frames; t++)
        for (int v = 0; v < 25; v++)
        for (int c = 0; c < 3; c++)
            x[RawSkeletonArray.At(c, t, v, m)] = (float)(rng.NextDouble() + 0.5 + c + 0.01 * t);
        return x;
    }

    private static float[] Frame(float[] x, int t, int m) =>
        Enumerable.Range(0, 3).SelectMany(c => Enumerable.Range(0, 25).Select(v => x[RawSkeletonArray.At(c, t, v, m)])).ToArray();

    [Fact]
    public void Padding_repeats_the_valid_frames_cyclically_to_300()
    {
        var x = Sample(7, seed: 1);
        var original = Enumerable.Range(0, 7).Select(t => Frame(x, t, 0)).ToArray();
        PreNormalization.Pad(x, T);
        for (int t = 0; t < T; t++) Assert.Equal(original[t % 7], Frame(x, t, 0));
        Assert.All(Enumerable.Range(0, T), t => Assert.All(Frame(x, t, 1), v => Assert.Equal(0f, v)));
    }

    [Fact]
    public void Padding_first_moves_frames_after_leading_empty_ones_to_the_front()
    {
        var x = Sample(5, seed: 2, firstFrame: 3);
        var original = Enumerable.Range(3, 5).Select(t => Frame(x, t, 0)).ToArray();
        PreNormalization.Pad(x, T);
        for (int t = 0; t < 20; t++) Assert.Equal(original[t % 5], Frame(x, t, 0));
    }

    [Fact]
    public void Centring_puts_body_0_spine_mid_at_the_origin_and_keeps_zero_joints_zero()
    {
        var x = Sample(40, seed: 3, bodies: 2);
        for (int c = 0; c < 3; c++) x[RawSkeletonArray.At(c, 5, 11, 1)] = 0;    // one lost joint of body 1
        PreNormalization.Apply(x, T);
        for (int t = 0; t < T; t++)
        for (int c = 0; c < 3; c++)
            Assert.True(Math.Abs(x[RawSkeletonArray.At(c, t, 1, 0)]) < 1e-5f);
        for (int c = 0; c < 3; c++) Assert.Equal(0f, x[RawSkeletonArray.At(c, 5, 11, 1)]);
    }

    [Fact]
    public void Spine_is_aligned_to_plus_z_then_shoulders_to_plus_x_at_frame_0()
    {
        var x = Sample(30, seed: 4);
        PreNormalization.Pad(x, T);
        PreNormalization.Centre(x, T);
        PreNormalization.Align(x, T, 0, 1, (0, 0, 1));
        double[] spine = Enumerable.Range(0, 3).Select(c => (double)x[RawSkeletonArray.At(c, 0, 1, 0)] - x[RawSkeletonArray.At(c, 0, 0, 0)]).ToArray();
        Assert.True(Math.Abs(spine[0]) < 1e-5 && Math.Abs(spine[1]) < 1e-5 && spine[2] > 0);
        PreNormalization.Align(x, T, 4, 8, (1, 0, 0));
        double[] shoulders = Enumerable.Range(0, 3).Select(c => (double)x[RawSkeletonArray.At(c, 0, 8, 0)] - x[RawSkeletonArray.At(c, 0, 4, 0)]).ToArray();
        Assert.True(Math.Abs(shoulders[1]) < 1e-5 && Math.Abs(shoulders[2]) < 1e-5 && shoulders[0] > 0);
    }

    [Fact]
    public void Euler_rodrigues_matrix_equals_the_rodrigues_formula_for_a_counter_clockwise_rotation()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 20; trial++)
        {
            double[] k = [rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5];
            double theta = rng.NextDouble() * Math.PI;
            var r = PreNormalization.RotationMatrix(k, theta);
            double n = Math.Sqrt(k.Sum(v => v * v));
            double[] u = k.Select(v => v / n).ToArray();
            double[,] cross = { { 0, -u[2], u[1] }, { u[2], 0, -u[0] }, { -u[1], u[0], 0 } };
            for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double expected = Math.Cos(theta) * (i == j ? 1 : 0) + Math.Sin(theta) * cross[i, j] + (1 - Math.Cos(theta)) * u[i] * u[j];
                Assert.Equal(expected, r[i, j], 12);
            }
        }
    }

    [Fact]
    public void An_all_zero_sample_is_left_alone()
    {
        var x = new float[3 * T * 25 * 2];
        PreNormalization.Apply(x, T);
        Assert.All(x, v => Assert.Equal(0f, v));
    }
}
