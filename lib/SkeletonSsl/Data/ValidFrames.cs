using static TorchSharp.torch;

namespace SkeletonSsl.Data;

/// <summary>
/// How many leading frames of each stored clip are real (the rest is padding). A prepared store
/// records it where the pipeline pads (<c>{part}_num_frame.npy</c>, spec/pcm3.md §2.1 step 4: the
/// CMD pipeline pads by repetition, so the padding cannot be told from the data); otherwise it is
/// derived by one of the rules here.
/// </summary>
public static class ValidFrames
{
    /// <summary>Every clip has all T frames (AimCLR's 50-frame pipeline resizes each clip to exactly 50 real frames).</summary>
    public static long[] Full(long clips, long frames) => Enumerable.Repeat(frames, checked((int)clips)).ToArray();

    /// <summary>
    /// For zero-padded clips: one past the last frame with any non-zero value; an all-zero clip counts
    /// as full length. data: (N, C, T, V, M) → N counts in [1, T].
    /// </summary>
    public static long[] TrailingZeros(Tensor data)
    {
        if (data.dim() != 5) throw new ArgumentException($"expected clips shaped (N, C, T, V, M), got ({string.Join(", ", data.shape)})", nameof(data));
        long t = data.shape[2];
        using var scope = NewDisposeScope();
        var any = data.ne(0).any(4).any(3).any(1).cpu();                              // (N, T)
        var last = (any.to(ScalarType.Int64) * arange(1, t + 1, dtype: ScalarType.Int64)).amax(1);
        return where(last.eq(0), full_like(last, t), last).data<long>().ToArray();
    }

    /// <summary>
    /// The valid counts from a recorded file frame count: n = min(num_frame, T) (spec/pcm3.md §3; a file
    /// longer than T was truncated to T at prepare time).
    /// </summary>
    public static long[] FromRecorded(IReadOnlyList<long> numFrame, long frames) => numFrame.Select(n => Math.Min(n, frames)).ToArray();

    /// <summary>Checks counts against clips: one per clip, each in [1, T]; the message names <paramref name="what"/>.</summary>
    internal static void Check(IReadOnlyList<long> counts, long clips, long frames, string what)
    {
        if (counts.Count != clips) throw new ArgumentException($"{what}: {counts.Count} frame counts for {clips} clips");
        for (int i = 0; i < counts.Count; i++)
            if (counts[i] < 1 || counts[i] > frames)
                throw new ArgumentException($"{what}: clip {i} has {counts[i]} valid frames; expected 1 to T = {frames}");
    }
}
