using SkeletonSsl.Data.Formats;
using static TorchSharp.torch;

namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// Runs a pipeline on a batch of parsed clips: builds the 300-frame arrays with the pipeline's
/// body rule, drops clips with nothing to keep (zero valid length for AimCLR, an all-zero sample
/// for CMD) and returns the processed tensor (K, 3, T', 25, 2) with the indices kept.
/// </summary>
public static class ClipBatchProcessor
{
    /// <summary>The outcome for one batch: kept data, which inputs were kept, each kept clip's file frame count, and the dropped ones with why.</summary>
    public sealed record Result(Tensor Data, int[] Kept, long[] FrameCounts, IReadOnlyList<(int Index, string Reason)> Dropped);

    /// <param name="energySelection">CMD only: choose the two most energetic of up to four bodies (NTU, §4.3 step 2);
    /// false keeps the listed order (PKU-MMD clips, whose two person slots are fixed, §5.5).</param>
    public static Result Process(PreparePipeline pipeline, IReadOnlyList<NtuSkeletonSequence> clips, bool energySelection = true)
    {
        int n = clips.Count;
        var raw = new float[(long)n * RawSkeletonArray.Size];
        var zero = new bool[n];
        Parallel.For(0, n, i =>
        {
            var span = raw.AsSpan(i * RawSkeletonArray.Size, RawSkeletonArray.Size);
            if (pipeline == PreparePipeline.AimClr) RawSkeletonArray.FirstTwoBodies(clips[i], span);
            else
            {
                if (energySelection) RawSkeletonArray.EnergySelected(clips[i], span);
                else RawSkeletonArray.FirstTwoBodies(clips[i], span);
                double sum = 0;
                foreach (float f in span) sum += f;
                zero[i] = sum == 0;
                if (!zero[i]) PreNormalization.Apply(span, RawSkeletonArray.Frames);
            }
        });
        using var scope = NewDisposeScope();
        var x = tensor(raw, [n, 3, RawSkeletonArray.Frames, 25, 2]);
        var dropped = new List<(int, string)>();
        List<int> kept = [];
        if (pipeline == PreparePipeline.AimClr)
        {
            int[] lengths = AimClrFrame50.ValidLengths(x);
            for (int i = 0; i < n; i++)
                if (lengths[i] > 0) kept.Add(i);
                else dropped.Add((i, "zero valid length (no body-0 SpineBase in any frame)"));
            var idx = tensor(kept.Select(i => (long)i).ToArray());
            var y = kept.Count == 0
                ? zeros([0, 3, AimClrFrame50.OutputFrames, 25, 2])
                : AimClrFrame50.Apply(x.index_select(0, idx), kept.Select(i => lengths[i]).ToArray());
            return new Result(y.MoveToOuterDisposeScope(), kept.ToArray(), kept.Select(i => (long)clips[i].FrameCount).ToArray(), dropped);
        }
        for (int i = 0; i < n; i++)
            if (!zero[i]) kept.Add(i);
            else dropped.Add((i, "all-zero sample (no body in any frame)"));
        var keep = tensor(kept.Select(i => (long)i).ToArray());
        return new Result(x.index_select(0, keep).MoveToOuterDisposeScope(), kept.ToArray(),
            kept.Select(i => (long)clips[i].FrameCount).ToArray(), dropped);
    }
}
