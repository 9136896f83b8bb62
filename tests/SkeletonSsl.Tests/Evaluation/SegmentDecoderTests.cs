using SkeletonSsl.Evaluation.Detection;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class SegmentDecoderTests
{
    [Fact]
    public void The_mean_filter_averages_the_window_from_i_minus_r_to_before_i_plus_r_clipped_to_the_recording()
    {
        // One column, values 0, 1, …, 5 over 6 valid frames of 8, r = 2: frame 0 → [0, 2) = (0 + 1)/2 = 0.5;
        // frame 1 → [0, 3) = 1; frame 2 → [0, 4) = 1.5; frame 3 → [1, 5) = 2.5; frame 4 → [2, 6) = 3.5; frame 5 → [3, 6) = 4;
        // frames 6, 7 are padding → 0 (their value 100 must not leak into frame 5's window).
        using var p = tensor(new float[] { 0, 1, 2, 3, 4, 5, 100, 100 }).view(1, 8, 1);
        using var f = SegmentDecoder.MeanFilter(p, [6], radius: 2);
        Assert.Equal([0.5f, 1, 1.5f, 2.5f, 3.5f, 4, 0, 0], f.flatten().data<float>().ToArray());
    }

    [Fact]
    public void Active_frames_form_segments_with_the_argmax_class_of_their_mean_probability()
    {
        // 2 recordings, 12 frames, 3 columns (background, class 1, class 2), r = 1 so the filter is the mean of frames i − 1 and i.
        // Recording "a": background 1 on frames 0-1, then frames 2-5 class 2 (p = 0, 0.2, 0.8), frames 6-11 background.
        //   filtered activity (1 − p̄bg): f0 0, f1 0, f2 (0 + 1)/2 = 0.5, f3 1, f4 1, f5 1, f6 0.5, f7 0 …  → active 2…6 (≥ 0.4).
        //   mean over 2…6 of p̄(class 1) = (0.1 + 0.2 + 0.2 + 0.2 + 0.1)/5 = 0.16; p̄(class 2) = (0.4 + 0.8 + 0.8 + 0.8 + 0.4)/5 = 0.64
        //   → class 2, confidence 0.64, 1-based frames 3…7.
        // Recording "b", 6 valid frames: frames 0-2 class 1 (0.1, 0.9, 0), frames 3-5 0.7 background: filtered activity
        //   f0: frame 0 only (window [0, 1)) = 1; f1 1; f2 1; f3 (1 + 0.3)/2 = 0.65; f4 0.3; f5 0.3 → active 0…3.
        //   class 1 means: f0 0.9, f1 0.9, f2 0.9, f3 (0.9 + 0.3)/2 = 0.6 → (0.9·3 + 0.6)/4 = 0.825; class 2: (0.1·3 + 0.05)/4 = 0.0875 → class 1.
        var p = zeros(2, 12, 3);
        p[0, .., 0].fill_(1);
        p[0, TensorIndex.Slice(2, 6)] = tensor(new float[] { 0, 0.2f, 0.8f });
        p[1, TensorIndex.Slice(0, 3)] = tensor(new float[] { 0, 0.9f, 0.1f });
        p[1, TensorIndex.Slice(3, 6)] = tensor(new float[] { 0.7f, 0.3f, 0 });
        var segments = SegmentDecoder.Decode(p, [12, 6], ["a", "b"], new DetectionPostProcessing(Radius: 1, ActivityThreshold: 0.4));
        Assert.Equal(2, segments.Count);
        Assert.Equal(("a", 2, 3, 7), (segments[0].Video, segments[0].Class, segments[0].Start, segments[0].End));
        Assert.Equal(0.64, segments[0].Confidence, 5);
        Assert.Equal(("b", 1, 1, 4), (segments[1].Video, segments[1].Class, segments[1].Start, segments[1].End));
        Assert.Equal(0.825, segments[1].Confidence, 5);
    }

    [Fact]
    public void Activity_exactly_at_the_threshold_counts_and_a_quiet_recording_gives_no_segment()
    {
        // p(bg) = 0.5 everywhere in 4 frames: activity 0.5 ≥ 0.5 → one segment 1…4; with threshold 0.6 none.
        var p = full(new long[] { 1, 4, 2 }, 0.5f);
        Assert.Single(SegmentDecoder.Decode(p, [4], ["v"], new DetectionPostProcessing(ActivityThreshold: 0.5)));
        Assert.Empty(SegmentDecoder.Decode(p, [4], ["v"], new DetectionPostProcessing(ActivityThreshold: 0.6)));
        Assert.Contains("Radius = 0", Assert.Throws<ArgumentException>(() => SegmentDecoder.Decode(p, [4], ["v"], new DetectionPostProcessing(Radius: 0))).Message);
    }
}
