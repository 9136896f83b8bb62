namespace SkeletonSsl.Evaluation;

/// <summary>
/// Outcome of a KNN evaluation: top-1 / top-5 accuracy (fractions) over Count test clips and the
/// predicted class of each test clip in dataset order (for a confusion matrix).
/// </summary>
public sealed record KnnResult(int K, KnnVoting Voting, double Temperature, double Top1, double Top5, int Count, IReadOnlyList<long> Predicted);
