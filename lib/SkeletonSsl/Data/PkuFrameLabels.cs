using SkeletonSsl.Data.Formats;
using static TorchSharp.torch;

namespace SkeletonSsl.Data;

/// <summary>
/// Per-frame targets of action detection on untrimmed PKU-MMD recordings (PCM3 §4.3 item 4; spec/pcm3.md §8.7,
/// spec/data.md §5.6): <see cref="Background"/> (0) where no action is annotated, the PKU class id (action id + 1 for a
/// 0-based action id, 1…51) inside an instance, and <see cref="Padding"/> (255, the released code's ignore value) after a
/// recording's last frame in a batch zero-padded to the longest. Where instances overlap (Part II) the later line of the
/// label file wins, and the overlapping frames are counted so a caller can log them (spec/data.md §5.6). An instance
/// reaching past the recording's last frame is cut at it.
/// </summary>
public static class PkuFrameLabels
{
    public const long Background = 0;
    public const long Padding = 255;

    /// <summary>
    /// Frame labels of a batch of recordings: instances[n] the label lines of recording n, frames[n] its frame count,
    /// length ≥ max(frames) the padded length. Returns (N, length) int64 on the CPU, and how many frames lie in more than one instance.
    /// </summary>
    public static (Tensor Labels, long OverlappingFrames) Of(IReadOnlyList<IReadOnlyList<PkuActionInstance>> instances, IReadOnlyList<long> frames,
        long length, PkuLabelSpan span = PkuLabelSpan.Inclusive)
    {
        if (instances.Count != frames.Count) throw new ArgumentException($"{instances.Count} label lists but {frames.Count} frame counts: they must agree", nameof(frames));
        for (int n = 0; n < frames.Count; n++)
            if (frames[n] < 1 || frames[n] > length)
                throw new ArgumentException($"frames[{n}] = {frames[n]}: expected a frame count in [1, {length}] (length = {length})", nameof(frames));
        using var scope = NewDisposeScope();
        var labels = full(new long[] { frames.Count, length }, Padding, dtype: ScalarType.Int64);
        var cover = zeros(new long[] { frames.Count, length }, dtype: ScalarType.Int64);
        for (int n = 0; n < frames.Count; n++)
        {
            labels[n, TensorIndex.Slice(0, frames[n])].fill_(Background);
            foreach (var i in instances[n])
            {
                if (i.Class < 1) throw new ArgumentException($"recording {n}: class {i.Class}, expected a PKU class id ≥ 1", nameof(instances));
                if (i.Start < 1 || i.End < i.Start) throw new ArgumentException($"recording {n}: frames [{i.Start}, {i.End}], expected 1 ≤ start ≤ end", nameof(instances));
                long first = span == PkuLabelSpan.Inclusive ? i.Start - 1 : i.Start;     // 0-based, inclusive
                long end = Math.Min(i.End, frames[n]);                                   // 0-based, exclusive: end − 1 is the last frame
                if (first >= end) continue;                                              // nothing of it inside the recording
                labels[n, TensorIndex.Slice(first, end)].fill_(i.Class);                //  a later line overwrites an earlier one
                cover[n, TensorIndex.Slice(first, end)].add_(1);
            }
        }
        long overlapping = cover.gt(1).sum().item<long>();
        return (labels.MoveToOuterDisposeScope(), overlapping);
    }
}
