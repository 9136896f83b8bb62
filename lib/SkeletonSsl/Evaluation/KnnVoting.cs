namespace SkeletonSsl.Evaluation;

/// <summary>How the K neighbours of a clip vote (see <see cref="Knn"/>).</summary>
public enum KnnVoting
{
    /// <summary>Each neighbour votes exp(cosine / τ) for its class (InstDisc kNN monitor).</summary>
    Weighted,

    /// <summary>Each neighbour votes once; K = 1 is nearest-neighbour retrieval (CMD).</summary>
    Majority,
}
