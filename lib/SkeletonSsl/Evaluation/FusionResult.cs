using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Three-stream fusion outcome: top-1 / top-5 (fractions) of the fused scores over Count samples,
/// the streams and weights used, and the fused scores keyed by sample name.
/// </summary>
public sealed record FusionResult(
    double Top1,
    double Top5,
    int Count,
    IReadOnlyList<SkeletonStream> Streams,
    FusionWeights Weights,
    IReadOnlyDictionary<string, float[]> Scores);
