using SkeletonSsl.Augmentations.Masks;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Settings of recognition under occlusion (PCM3 §4.3 item 3, Table 4; spec/pcm3.md §8.6): the method's
/// linear recipe (<see cref="Linear"/>, trained once on clean clips), the occlusion ratio range
/// (U(0.3, 0.7) per clip) and the fixed seeds that make each occluded test set the same in every run.
/// </summary>
public sealed record OcclusionConfig
{
    /// <summary>The clean linear classifier's recipe: the method's linear protocol (AimCLR's or CMD's).</summary>
    public LinearProbeConfig Linear { get; init; } = LinearProbeConfig.AimClr;

    /// <summary>The occlusion ratio range, drawn per clip (the paper: [0.3, 0.7]).</summary>
    public OcclusionOptions Ratio { get; init; } = new();

    /// <summary>The seed of the spatially occluded test set (which parts of which clip).</summary>
    public long SpatialSeed { get; init; } = 1;

    /// <summary>The seed of the temporally occluded test set (which block of which clip).</summary>
    public long TemporalSeed { get; init; } = 2;

    /// <summary>Clips occluded per draw; the draws depend on it, so it is part of the test set's definition.</summary>
    public int ChunkSize { get; init; } = 256;

    public OcclusionConfig For(Profile profile) => this with { Linear = Linear.For(profile) };

    public void Validate()
    {
        if (Ratio.MinRatio is < 0 or > 1 || Ratio.MaxRatio is < 0 or > 1 || Ratio.MinRatio > Ratio.MaxRatio)
            throw new ArgumentException($"{nameof(OcclusionConfig)}.{nameof(Ratio)}: expected 0 ≤ MinRatio ≤ MaxRatio ≤ 1, got [{Ratio.MinRatio}, {Ratio.MaxRatio}]");
        if (SpatialSeed < 0) throw new ArgumentException($"{nameof(OcclusionConfig)}.{nameof(SpatialSeed)}: expected a non-negative seed, got {SpatialSeed}");
        if (TemporalSeed < 0) throw new ArgumentException($"{nameof(OcclusionConfig)}.{nameof(TemporalSeed)}: expected a non-negative seed, got {TemporalSeed}");
        if (ChunkSize < 1) throw new ArgumentException($"{nameof(OcclusionConfig)}.{nameof(ChunkSize)}: expected at least 1, got {ChunkSize}");
    }
}
