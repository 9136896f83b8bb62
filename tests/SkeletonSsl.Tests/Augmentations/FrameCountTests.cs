using SkeletonSsl.Augmentations;
using SkeletonSsl.Augmentations.Masks;
using SkeletonSsl.Augmentations.Mixing;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Augmentations;

/// <summary>Temporal transforms read the batch's frame counts, never the padding (spec/pcm3.md §3: n = min(num_frame, 300)).</summary>
public sealed class FrameCountTests
{
    /// <summary>
    /// (n, 3, t, 25, 2) clips whose frame f holds the value f + 1 for f &lt; valid, padded by repetition
    /// as the CMD pipeline does (frame f ≥ valid repeats frame f mod valid): no zero frame anywhere.
    /// </summary>
    private static Tensor RepetitionPaddedRamp(long n, long valid, long t)
    {
        var frame = arange(t, dtype: ScalarType.Int64).remainder(valid).add(1).to(ScalarType.Float32);
        return frame.view(1, 1, t, 1, 1).expand(n, 3, t, 25, 2).contiguous();
    }

    private static long[] Repeat(long value, long n) => Enumerable.Repeat(value, (int)n).ToArray();

    [Fact]
    public void Crop_resize_of_a_40_frame_clip_padded_to_300_reads_only_its_40_frames()
    {
        using var scope = NewDisposeScope();
        var x = new ClipBatch(RepetitionPaddedRamp(200, 40, 300), Repeat(40, 200));
        var y = TemporalCropResize.Random().Apply(x, Clips.Seeded()).X[.., 0, .., 0, 0];    // (N, 64)
        // n = 40 < 64: L = n, start 0, so every clip is the whole clip up-sampled: output i reads
        // position max(0, (i + 0.5)·40/64 − 0.5), i.e. the value 1 + that position (clamped to frame 39).
        var expected = Enumerable.Range(0, 64).Select(i => (float)(1 + Math.Min(Math.Max(0, (i + 0.5) * 40 / 64 - 0.5), 39))).ToArray();
        for (int n = 0; n < 200; n += 37)
            Assert.Equal(expected, y[n].data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-4f);
        Assert.True(y.max().item<float>() <= 40f);
    }

    [Fact]
    public void Crop_resize_windows_stay_inside_each_clips_valid_frames()
    {
        using var scope = NewDisposeScope();
        long[] frames = [.. Enumerable.Range(0, 400).Select(i => (long)(65 + i % 200))];
        var x = new ClipBatch(RepetitionPaddedRamp(400, 300, 300), frames);
        var y = TemporalCropResize.Random().Apply(x, Clips.Seeded(4)).X[.., 0, .., 0, 0];
        var last = y.amax(1).data<float>().ToArray();
        for (int i = 0; i < frames.Length; i++) Assert.True(last[i] <= frames[i], $"clip {i} read frame {last[i]} of {frames[i]}");
        var centre = TemporalCropResize.Centre().Apply(new ClipBatch(RepetitionPaddedRamp(1, 40, 300), [40]), Clips.Seeded()).X[0, 0, .., 0, 0];
        Assert.Equal(2f, centre[0].item<float>(), 4);                              // start = int(0.025·40) = 1: frame 1 holds 2
        Assert.True(centre.max().item<float>() <= 39f);                              // L = 38: frames 1 … 38
    }

    [Fact]
    public void Temporal_occlusion_masks_only_the_valid_frames_of_repetition_padded_clips()
    {
        using var scope = NewDisposeScope();
        var x = new ClipBatch(RepetitionPaddedRamp(300, 40, 300), Repeat(40, 300));
        using var r = new TemporalOcclusion().Occlude(x, seed: 3);
        var hidden = r.Mask[.., 0, .., 0, 0].eq(0);                                   // (N, T)
        Assert.False(hidden.narrow(1, 40, 260).any().item<bool>());                  // the padding is never masked
        var count = hidden.sum(1);
        Assert.True(count.min().item<long>() >= 12 && count.max().item<long>() <= 28);   // 30–70 % of 40 frames
    }

    [Fact]
    public void Temporal_flip_reverses_the_valid_frames_and_leaves_the_padding()
    {
        using var scope = NewDisposeScope();
        var x = new ClipBatch(RepetitionPaddedRamp(2, 40, 100), [40, 100]);
        var y = new TemporalFlip(1.0).Apply(x, Clips.Seeded()).X[.., 0, .., 0, 0];
        var expected = Enumerable.Range(0, 100).Select(t => (float)(t < 40 ? 40 - t : t % 40 + 1)).ToArray();
        Assert.Equal(expected, y[0].data<float>().ToArray());
        Assert.Equal(x.X[1, 0, .., 0, 0].flip(0).data<float>().ToArray(), y[1].data<float>().ToArray());   // a full clip: all of it
    }

    [Fact]
    public void Crop_pad_reflects_inside_the_valid_frames_and_is_the_reference_on_full_clips()
    {
        using var scope = NewDisposeScope();
        var padded = new ClipBatch(RepetitionPaddedRamp(300, 50, 50), Repeat(40, 300));   // frame f holds f + 1; 40 valid
        var y = new TemporalCropPad(6).Apply(padded, Clips.Seeded()).X[.., 0, .., 0, 0];
        Assert.True(y.narrow(1, 0, 40).max().item<float>() <= 40f);                 // no valid frame reads a padding frame
        Assert.Equal(padded.X[0, 0, TensorIndex.Slice(40, 50), 0, 0].data<float>().ToArray(), y[0].narrow(0, 40, 10).data<float>().ToArray());
        // pad = ⌊40/6⌋ = 6: frame t reads s + t − 6 reflected, so frame 6 reads s ∈ {0 … 12}: value s + 1.
        var starts = y[.., 6].to(ScalarType.Int64) - 1;
        Assert.Equal(0L, starts.min().item<long>());
        Assert.Equal(12L, starts.max().item<long>());
        // Full 50-frame clips: the same draws and windows whether the counts are stated or not.
        var full = Clips.Random(6, 50);
        var stated = new TemporalCropPad().Apply(new ClipBatch(full, Repeat(50, 6)), Clips.Seeded(5)).X;
        Assert.Equal(0f, Clips.MaxAbsDiff(stated, new TemporalCropPad().Apply(ClipBatch.Full(full), Clips.Seeded(5)).X));
    }

    [Fact]
    public void Blur_of_a_padded_clip_equals_the_blur_of_its_valid_frames_alone()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(4, 60);
        var truncated = x.narrow(2, 0, 40).contiguous();
        var padded = cat([truncated, truncated.narrow(2, 0, 20)], 2);               // repetition padding to 60
        var blurPadded = new GaussianBlur(probability: 1.0).Apply(new ClipBatch(padded, Repeat(40, 4)), Clips.Seeded(2)).X;
        var blurAlone = new GaussianBlur(probability: 1.0).Apply(ClipBatch.Full(truncated), Clips.Seeded(2)).X;
        Assert.True(Clips.MaxAbsDiff(blurPadded.narrow(2, 0, 40), blurAlone) < 1e-4f);
        Assert.Equal(0f, Clips.MaxAbsDiff(blurPadded.narrow(2, 40, 20), padded.narrow(2, 40, 20)));   // padding untouched
    }

    [Fact]
    public void Chains_thread_the_frame_counts_and_mixing_refuses_padding()
    {
        using var scope = NewDisposeScope();
        var x = new ClipBatch(RepetitionPaddedRamp(6, 40, 300), [40, 80, 120, 300, 7, 64]);
        var basic = AugmentationPresets.Create("cmd-basic").Apply(x, Clips.Seeded());
        Assert.Equal([6L, 3, 64, 25, 2], basic.X.shape);
        Assert.All(basic.Frames, f => Assert.Equal(64L, f));
        var spatial = new Shear(0.5).Apply(x, Clips.Seeded());
        Assert.Same(x.Frames, spatial.Frames);                                         // spatial steps pass them through
        var fused = new Compose("t", [new TemporalCropPad(), new Shear(0.5), new TemporalFlip()]).Apply(x, Clips.Seeded());
        Assert.Equal(x.Frames, fused.Frames);
        Assert.Throws<ArgumentException>(() => new SkeleMix().Mix(new ClipBatch(Clips.Random(4, 64), [64, 64, 40, 64]), Clips.Seeded()));
        Assert.Throws<ArgumentException>(() => new ClipBatch(Clips.Random(2, 10), [10, 11]));   // more valid frames than T
        Assert.Throws<ArgumentException>(() => new ClipBatch(Clips.Random(2, 10), [10]));       // one count per clip
    }
}
