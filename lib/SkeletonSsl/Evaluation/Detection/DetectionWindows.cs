using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation.Detection;

/// <summary>
/// The sliding windows of PCM3's detection protocol (spec/pcm3.md §8.7, after Simple-Skeleton-Detection), as frame
/// indices into untrimmed recordings, batched. Training: per video and epoch 16 windows, each around a frame
/// c ~ U{0 … len − 1} with a stride d ~ U{3, 4, 5}: the raw window of 16·d frames centred at c (start c − 8d), shifted to lie
/// inside [0, len), every d-th frame; its target is the label of frame c. Test: for every valid frame t the raw window
/// of 64 frames centred at t, shifted to fit, every 4th frame. A recording shorter than the raw window repeats its last
/// frame (indices clamped to len − 1). Reading where the spec is silent: the target is the drawn frame c's label also when
/// the shift moves the window off-centre.
/// </summary>
public static class DetectionWindows
{
    /// <summary>Frames per window fed to the encoder.</summary>
    public const int Steps = 16;

    /// <summary>The test stride: 64 raw frames → 16.</summary>
    public const int TestStride = 4;

    /// <summary>The training strides d, drawn uniformly.</summary>
    public static readonly IReadOnlyList<int> TrainStrides = [3, 4, 5];

    /// <summary>
    /// Training windows of one epoch: <paramref name="perVideo"/> per recording (lengths[n] valid frames), recording-major.
    /// Returns Video (W) int64, Frames (W, 16) int64 frame indices, Centre (W) int64 (the frame whose label is the target); all on the CPU.
    /// </summary>
    public static (Tensor Video, Tensor Frames, Tensor Centre) Training(IReadOnlyList<long> lengths, Generator generator, int perVideo = 16)
    {
        Check(lengths);
        if (perVideo < 1) throw new ArgumentException($"perVideo = {perVideo}: expected at least one window per recording", nameof(perVideo));
        using var scope = NewDisposeScope();
        long n = lengths.Count, w = n * perVideo;
        var video = arange(n, dtype: ScalarType.Int64).repeat_interleave(perVideo);                // (W)
        var length = tensor(lengths.ToArray()).index_select(0, video);                             // (W)
        var centre = (rand(new[] { w }, dtype: ScalarType.Float64, generator: generator) * length).floor().to(ScalarType.Int64).minimum(length - 1);  // c ~ U{0 … len − 1}
        var strides = tensor(TrainStrides.Select(s => (long)s).ToArray());
        var stride = strides.index_select(0, randint(0, TrainStrides.Count, new[] { w }, generator: generator));   // d ~ U{3, 4, 5}
        var frames = Window(centre, stride, length);
        return (video.MoveToOuterDisposeScope(), frames.MoveToOuterDisposeScope(), centre.MoveToOuterDisposeScope());
    }

    /// <summary>Test windows of one recording of <paramref name="length"/> frames: (length, 16) int64 frame indices, row t the window of frame t.</summary>
    public static Tensor Test(long length)
    {
        Check([length]);
        using var scope = NewDisposeScope();
        var centre = arange(length, dtype: ScalarType.Int64);
        var frames = Window(centre, full(new[] { length }, (long)TestStride, dtype: ScalarType.Int64), full(new[] { length }, length, dtype: ScalarType.Int64));
        return frames.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The clips of the windows: recordings (N, C, T, V, M), video (W), frames (W, 16) → (W, C, 16, V, M), in one gather.
    /// </summary>
    public static Tensor Gather(Tensor recordings, Tensor video, Tensor frames)
    {
        if (recordings.dim() != 5) throw new ArgumentException($"recordings: expected (N, C, T, V, M), got {recordings.dim()} dimensions", nameof(recordings));
        if (frames.dim() != 2 || video.dim() != 1 || frames.shape[0] != video.shape[0])
            throw new ArgumentException($"video (W) and frames (W, steps) must agree: got {string.Join('×', video.shape)} and {string.Join('×', frames.shape)}", nameof(frames));
        using var scope = NewDisposeScope();
        long n = recordings.shape[0], c = recordings.shape[1], t = recordings.shape[2], v = recordings.shape[3], m = recordings.shape[4];
        long w = frames.shape[0], steps = frames.shape[1];
        var flat = recordings.permute(0, 2, 1, 3, 4).reshape(n * t, c, v, m);                         // (N·T, C, V, M)
        var rows = (video.to(recordings.device).unsqueeze(1) * t + frames.to(recordings.device)).flatten();   // (W·steps)
        var clips = flat.index_select(0, rows).view(w, steps, c, v, m).permute(0, 2, 1, 3, 4).contiguous();
        return clips.MoveToOuterDisposeScope();
    }

    /// <summary>Windows of 16 frames with stride d centred at c (start c − 8d), shifted into [0, len), indices clamped to len − 1: (W, 16).</summary>
    private static Tensor Window(Tensor centre, Tensor stride, Tensor length)
    {
        var span = stride * Steps;                                                               // raw window length 16·d
        var start = (centre - stride * (Steps / 2)).minimum(length - span).clamp_min(0);         // shifted to fit
        var k = arange(Steps, dtype: ScalarType.Int64).unsqueeze(0);
        return (start.unsqueeze(1) + stride.unsqueeze(1) * k).minimum((length - 1).unsqueeze(1));   // every d-th frame
    }

    private static void Check(IReadOnlyList<long> lengths)
    {
        if (lengths.Count == 0) throw new ArgumentException("lengths: expected at least one recording", nameof(lengths));
        for (int i = 0; i < lengths.Count; i++)
            if (lengths[i] < 1) throw new ArgumentException($"lengths[{i}] = {lengths[i]}: expected at least one frame", nameof(lengths));
    }
}
