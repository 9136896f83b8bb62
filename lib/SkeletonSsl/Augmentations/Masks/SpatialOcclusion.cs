using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Masks;

/// <summary>
/// Spatial occlusion for PCM3's occluded evaluation (ACM MM 2023, §4; spec/pcm3.md §8.6): whole
/// body parts (the 5-part partition, e.g. trunk, right arm) are set to zero in all frames, for both
/// persons. Per clip a ratio r ~ U(0.3, 0.7) is drawn and round(5·r) parts are occluded, kept to the
/// part counts whose ratio k/5 lies in the range (2 or 3 of 5; this also keeps the occluded joint
/// fraction within [0.32, 0.68]). The paper does not say more; this is the simplest faithful reading.
/// Use <see cref="Occlude"/> with a fixed seed for a deterministic test set.
/// </summary>
public sealed class SpatialOcclusion(OcclusionOptions? options = null) : IMasking
{
    public string Name => "spatial-occlusion";

    public OcclusionOptions Options { get; } = options ?? new OcclusionOptions();

    /// <summary>The occluded copy of x, the same for the same seed: x (N, C, T, V, M) → (occluded, keep-mask).</summary>
    public MaskResult Occlude(ClipBatch batch, long seed) => Mask(batch, new Generator((ulong)seed));

    /// <summary>batch.X: (N, C, T, 25, M) → (occluded, keep-mask).</summary>
    public MaskResult Mask(ClipBatch batch, Generator g)
    {
        var x = batch.X;
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        long n = shape[0], v = shape[3];
        if (v != NtuLayout.Joints) throw new ArgumentException($"{Name}: expected V = {NtuLayout.Joints} NTU joints, got {v}", nameof(x));
        int partCount = NtuLayout.BodyParts.Count;
        int minParts = (int)Math.Ceiling(Options.MinRatio * partCount - 1e-9), maxParts = (int)Math.Floor(Options.MaxRatio * partCount + 1e-9);
        if (minParts > maxParts) throw new ArgumentException($"{Name}: no part count k has k/{partCount} in [{Options.MinRatio}, {Options.MaxRatio}]");
        using var scope = NewDisposeScope();
        var ratio = BatchOps.Uniform(g, n, Options.MinRatio, Options.MaxRatio);                 // r ~ U(0.3, 0.7)
        var k = (ratio * partCount).round().clamp(minParts, maxParts).to(ScalarType.Int64);    // parts to occlude
        var rank = rand(new[] { n, (long)partCount }, dtype: ScalarType.Float64, generator: g).argsort(1).argsort(1);
        var occludedPart = rank.lt(k.unsqueeze(1));                                            // (N, 5): a random k-subset
        var partOfJoint = tensor(BatchOps.PartOfJoint());
        var hidden = occludedPart.index_select(1, partOfJoint);                                // (N, V)
        var mask = hidden.logical_not().to(x.dtype).view(n, 1, 1, v, 1).to(x.device).expand(shape).contiguous();
        return new MaskResult((x * mask).MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope());
    }
}
