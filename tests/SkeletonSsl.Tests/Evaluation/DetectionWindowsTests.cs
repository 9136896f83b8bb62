using SkeletonSsl.Evaluation.Detection;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class DetectionWindowsTests
{
    [Fact]
    public void Test_windows_take_every_4th_of_64_frames_around_each_frame_shifted_to_fit()
    {
        using var w = DetectionWindows.Test(100);
        Assert.Equal([100L, 16], w.shape);
        // t = 0: start max(0, min(0 − 32, 100 − 64)) = 0 → 0, 4, …, 60; t = 50: start 18 → 18 … 78; t = 99: start 36 → 36 … 96.
        Assert.Equal(Enumerable.Range(0, 16).Select(k => 4L * k), w[0].data<long>().ToArray());
        Assert.Equal(Enumerable.Range(0, 16).Select(k => 18L + 4 * k), w[50].data<long>().ToArray());
        Assert.Equal(Enumerable.Range(0, 16).Select(k => 36L + 4 * k), w[99].data<long>().ToArray());
        // A 10-frame recording: start 0, indices past the last frame repeat frame 9.
        using var shortWindows = DetectionWindows.Test(10);
        Assert.Equal([0L, 4, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9], shortWindows[5].data<long>().ToArray());
    }

    [Fact]
    public void Training_windows_hold_their_centre_frame_with_a_stride_of_3_to_5_inside_the_recording()
    {
        long[] lengths = [300, 200, 120];
        var (video, frames, centre) = DetectionWindows.Training(lengths, new Generator(7), perVideo: 200);
        Assert.Equal(Enumerable.Range(0, 600).Select(i => (long)(i / 200)), video.data<long>().ToArray());
        var f = frames.data<long>().ToArray();
        var c = centre.data<long>().ToArray();
        var strides = new HashSet<long>();
        for (int i = 0; i < c.Length; i++)
        {
            long len = lengths[i / 200];
            var row = f.AsSpan(i * 16, 16).ToArray();
            long d = row[1] - row[0];
            strides.Add(d);
            Assert.InRange(d, 3, 5);
            Assert.All(row.Zip(row.Skip(1)), p => Assert.Equal(d, p.Second - p.First));       // 16 frames every d-th (len ≥ 80 fits)
            Assert.True(row[0] >= 0 && row[^1] < len, $"window {i} leaves the recording");
            Assert.InRange(c[i], row[0], row[0] + 16 * d - 1);                                // the centre frame lies in the raw window
        }
        Assert.Equal([3L, 4, 5], strides.Order());
        var (_, again, _) = DetectionWindows.Training(lengths, new Generator(7), perVideo: 200);
        Assert.True(frames.eq(again).all().item<bool>());
    }

    [Fact]
    public void Gather_cuts_the_windows_frames_out_of_their_recordings()
    {
        // Recording n's frame t holds the value 1000·n + t in every coordinate, joint and body.
        var values = (arange(2, dtype: ScalarType.Float32).view(2, 1, 1, 1, 1) * 1000 + arange(20, dtype: ScalarType.Float32).view(1, 1, 20, 1, 1))
            .expand(2, 3, 20, 25, 2).contiguous();
        var video = tensor(new long[] { 1, 0 });
        var frames = stack([arange(16, dtype: ScalarType.Int64), arange(16, dtype: ScalarType.Int64) + 4], 0);
        using var clips = DetectionWindows.Gather(values, video, frames);
        Assert.Equal([2L, 3, 16, 25, 2], clips.shape);
        Assert.Equal(Enumerable.Range(0, 16).Select(k => 1000f + k), clips[0, 2, .., 24, 1].data<float>().ToArray());
        Assert.Equal(Enumerable.Range(0, 16).Select(k => 4f + k), clips[1, 0, .., 3, 0].data<float>().ToArray());
    }
}
