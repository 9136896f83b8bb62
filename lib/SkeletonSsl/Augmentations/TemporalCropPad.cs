using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's temporal "Crop" (spec/aimclr.md §2.1, step 1): pad the clip on both sides with
/// pad = floor(n/ratio) mirrored frames (edge-including reflection) and keep a random window of
/// n frames, start s ~ U{0 … 2·pad} per sample. There is no resize. Output frame t &lt; n reads
/// frame j = s + t − pad, reflected as −1−j below 0 and 2n−1−j above n−1. Here n is the clip's
/// valid length: AimCLR's clips are all 50 valid frames (n = T, the reference exactly); on a padded
/// clip the crop acts on its valid frames and the padding after them stays where it is.
/// </summary>
public sealed class TemporalCropPad(int paddingRatio = 6) : ILinearAugmentation
{
    public string Name => "crop";

    /// <summary>The divisor of the length giving the pad (the reference's temperal_padding_ratio, 6).</summary>
    public int PaddingRatio { get; } = paddingRatio > 0 ? paddingRatio
        : throw new ArgumentOutOfRangeException(nameof(paddingRatio), paddingRatio, "the padding ratio must be positive");

    /// <summary>batch.X: (N, C, T, V, M) → (N, C, T, V, M), the same frame counts.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g)
    {
        var shape = BatchOps.CheckClips(batch.X, Name, needsCoordinates: false);
        using var scope = NewDisposeScope();
        return batch.WithClips(Draw(g, shape, batch.Frames).Apply(batch.X).MoveToOuterDisposeScope());
    }

    LinearPlan ILinearAugmentation.Draw(Generator g, long[] shape, long[] frames) => Draw(g, shape, frames);

    internal LinearPlan Draw(Generator g, long[] shape, long[] frames)
    {
        long t = shape[2];
        var pad = frames.Select(f => f / PaddingRatio).ToArray();                  // floor(n/6): 8 for 50 frames
        var start = BatchOps.IntegersUpTo(g, pad.Select(p => 2 * p).ToArray());   // s ~ U{0 … 2·pad}
        var n = tensor(frames).unsqueeze(1);                                      // (N, 1)
        var j = start.unsqueeze(1) + arange(t, dtype: ScalarType.Int64).unsqueeze(0) - tensor(pad).unsqueeze(1);   // (N, T)
        j = where(j.lt(0), -1 - j, j);                                            // reflect below 0
        j = where(j.gt(n - 1), 2 * n - 1 - j, j);                                 // reflect above n−1
        return new LinearPlan { TimeIndex = BatchOps.KeepPadding(j, frames) };
    }
}
