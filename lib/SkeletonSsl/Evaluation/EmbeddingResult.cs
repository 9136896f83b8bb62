using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// A t-SNE figure's data: one 2-D point per clip with its label and name, the classes shown, and
/// NMI (arithmetic normalisation) between k-means clusters and labels, on the embedding and on the
/// features it came from, plus the final KL(P‖Q).
/// </summary>
public sealed record EmbeddingResult(
    SkeletonStream Stream,
    IReadOnlyList<float[]> Points,
    IReadOnlyList<long> Labels,
    IReadOnlyList<string> Names,
    IReadOnlyList<long> Classes,
    double NmiEmbedding,
    double NmiFeatures,
    double KlDivergence);
