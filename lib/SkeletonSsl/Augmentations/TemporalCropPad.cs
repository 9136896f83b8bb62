using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's temporal "Crop" (spec/aimclr.md §2.1, step 1): pad the clip on both sides with
/// pad = floor(T/ratio) mirrored frames (edge-including reflection) and keep a random window of
/// T frames, start s ~ U{0 … 2·pad} per sample. There is no resize: T is kept. Output frame t reads
/// frame j = s + t − pad, reflected as −1−j below 0 and 2T−1−j above T−1.
/// </summary>
public sealed class TemporalCropPad(int paddingRatio = 6) : ILinearAugmentation
{
    public string Name => "crop";

    /// <summary>The divisor of T giving the pad (the reference's temperal_padding_ratio, 6).</summary>
    public int PaddingRatio { get; } = paddingRatio > 0 ? paddingRatio
        : throw new ArgumentOutOfRangeException(nameof(paddingRatio), paddingRatio, "the padding ratio must be positive");

    /// <summary>x: (N, C, T, V, M) → (N, C, T, V, M).</summary>
    public Tensor Apply(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        using var scope = NewDisposeScope();
        return Draw(g, shape).Apply(x).MoveToOuterDisposeScope();
    }

    LinearPlan ILinearAugmentation.Draw(Generator g, long[] shape) => Draw(g, shape);

    internal LinearPlan Draw(Generator g, long[] shape)
    {
        long n = shape[0], t = shape[2];
        long pad = t / PaddingRatio;
        var start = BatchOps.Integers(g, n, 0, 2 * pad);                          // s ~ U{0 … 2·pad}
        var j = start.unsqueeze(1) + arange(t, dtype: ScalarType.Int64).unsqueeze(0) - pad;   // (N, T)
        j = where(j.lt(0), -1 - j, j);                                            // reflect below 0
        j = where(j.gt(t - 1), 2 * t - 1 - j, j);                                 // reflect above T−1
        return new LinearPlan { TimeIndex = j };
    }
}
