using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Masks;

/// <summary>
/// Temporal occlusion for PCM3's occluded evaluation (ACM MM 2023, §4; spec/pcm3.md §8.6): a random
/// contiguous block of frames is set to zero (all joints, both persons). Per clip r ~ U(0.3, 0.7);
/// the block covers round(r·n) of the clip's n valid frames (kept within [⌈0.3n⌉, ⌊0.7n⌋]) and
/// starts uniformly in {0 … n − length}, n the batch's frame count of the clip; the padding after the
/// valid frames is left as it is.
/// Use <see cref="Occlude"/> with a fixed seed for a deterministic test set.
/// </summary>
public sealed class TemporalOcclusion(OcclusionOptions? options = null) : IMasking
{
    public string Name => "temporal-occlusion";

    public OcclusionOptions Options { get; } = options ?? new OcclusionOptions();

    /// <summary>The occluded copy of x, the same for the same seed: x (N, C, T, V, M) → (occluded, keep-mask).</summary>
    public MaskResult Occlude(ClipBatch batch, long seed) => Mask(batch, new Generator((ulong)seed));

    /// <summary>batch.X: (N, C, T, V, M) with batch.Frames valid frames → (occluded, keep-mask).</summary>
    public MaskResult Mask(ClipBatch batch, Generator g)
    {
        var x = batch.X;
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        long n = shape[0], t = shape[2];
        using var scope = NewDisposeScope();
        var valid = batch.FrameTensor().to(ScalarType.Float64);
        var ratio = BatchOps.Uniform(g, n, Options.MinRatio, Options.MaxRatio);                 // r ~ U(0.3, 0.7)
        var lo = (valid * Options.MinRatio).ceil();
        var hi = maximum((valid * Options.MaxRatio).floor(), lo);
        var length = minimum(maximum((valid * ratio).round(), lo), hi);                        // block length
        var u = BatchOps.Uniform(g, n, 0, 1);
        var start = (u * (valid - length + 1)).floor();                                        // start ~ U{0 … n − length}
        var frame = arange(t, dtype: ScalarType.Float64).unsqueeze(0);
        var hidden = frame.ge(start.unsqueeze(1)) & frame.lt((start + length).unsqueeze(1));  // (N, T)
        var mask = hidden.logical_not().to(x.dtype).view(n, 1, t, 1, 1).to(x.device).expand(shape).contiguous();
        return new MaskResult((x * mask).MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope());
    }
}
