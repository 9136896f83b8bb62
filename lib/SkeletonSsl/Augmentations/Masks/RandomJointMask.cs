using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Masks;

/// <summary>
/// The "Random Mask" of PCM3's masking-strategy ablation (ACM MM 2023, Table 10): exactly
/// round(ratio·T·V) (frame, joint) positions drawn uniformly at random are masked in all
/// coordinates. Reconstruction: the paper gives no further detail, so everything else matches
/// <see cref="TopologyMask"/> (first person only, one pattern per batch, masked values 0) and the
/// ablation changes only the strategy; <c>perSample</c> draws one pattern per clip instead.
/// </summary>
public sealed class RandomJointMask(double ratio = 0.6, bool perSample = false) : IMasking
{
    public string Name => "random-joint-mask";

    public double Ratio { get; } = ratio is > 0 and < 1 ? ratio
        : throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "the mask ratio must lie in (0, 1)");

    public bool PerSample { get; } = perSample;

    /// <summary>batch.X: (N, C, T, V, M) → (masked, keep-mask).</summary>
    public MaskResult Mask(ClipBatch batch, Generator g)
    {
        var x = batch.X;
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        long n = shape[0], t = shape[2], v = shape[3];
        long patterns = PerSample ? n : 1;
        long count = (long)Math.Round(Ratio * t * v);
        using var scope = NewDisposeScope();
        var rank = rand(new[] { patterns, t * v }, dtype: ScalarType.Float64, generator: g).argsort(1).argsort(1);
        var hidden = rank.lt(count).view(patterns, 1, t, v);                         // exactly `count` positions
        var keep = ones(new long[] { patterns, 1, t, v, shape[4] }, dtype: x.dtype);
        keep[.., .., .., .., 0] = hidden.logical_not().to(x.dtype);                   // first person only
        var mask = keep.to(x.device).expand(shape).contiguous();
        return new MaskResult((x * mask).MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope());
    }
}
