using SkeletonSsl.Data.Preprocessing;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Data.Preprocessing;

public sealed class OpenCvLinearResizeTests
{
    [Fact]
    public void Upsampling_4_rows_to_6_matches_the_hand_computed_opencv_rule()
    {
        // s = (r + 0.5)·4/6 − 0.5 = −1/6, 1/2, 7/6, 11/6, 5/2, 19/6 → clamp, floor, weight.
        var (lo, hi, w) = OpenCvLinearResize.Taps(4, 6);
        Assert.Equal([0, 0, 1, 1, 2, 3], lo);
        Assert.Equal([1, 1, 2, 2, 3, 3], hi);
        float[] src = [0, 10, 20, 40];
        float[] expected = [0, 5, 11.666667f, 18.333334f, 30, 40];
        for (int r = 0; r < 6; r++) Assert.Equal(expected[r], (1 - w[r]) * src[lo[r]] + w[r] * src[hi[r]], 4);
    }

    [Fact]
    public void Halving_averages_neighbouring_pairs_and_equal_length_copies()
    {
        var (lo, hi, w) = OpenCvLinearResize.Taps(100, 50);
        for (int r = 0; r < 50; r++)
        {
            Assert.Equal(2 * r, lo[r]);
            Assert.Equal(2 * r + 1, hi[r]);
            Assert.Equal(0.5f, w[r]);
        }
        var same = OpenCvLinearResize.Taps(50, 50);
        Assert.Equal(Enumerable.Range(0, 50), same.Lower);
        Assert.All(same.Weight, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Batched_resize_uses_each_samples_own_length()
    {
        NativeRuntime.EnsureInitialised();
        // Sample 0: frames 0..3 hold 0, 10, 20, 40 (rest zero); sample 1: a ramp over 6 frames.
        var x = zeros([2, 3, 300, 25, 2]);
        float[] a = [0, 10, 20, 40];
        for (int t = 0; t < 4; t++) x[0, .., t] = a[t];
        for (int t = 0; t < 6; t++) x[1, .., t] = t;
        using var y = OpenCvLinearResize.Resize(x, [4, 6], 6);
        Assert.Equal([2L, 3, 6, 25, 2], y.shape);
        float[] expected = [0, 5, 11.666667f, 18.333334f, 30, 40];
        for (int r = 0; r < 6; r++)
        {
            Assert.Equal(expected[r], y[0, 2, r, 7, 1].item<float>(), 4);
            Assert.Equal(r, y[1, 0, r, 0, 0].item<float>(), 5);
        }
    }

    [Fact]
    public void An_empty_clip_cannot_be_resized()
    {
        Assert.Throws<ArgumentException>(() => OpenCvLinearResize.Taps(0, 50));
    }
}
