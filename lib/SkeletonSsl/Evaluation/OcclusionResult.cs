namespace SkeletonSsl.Evaluation;

/// <summary>
/// Outcome of recognition under occlusion: the clean linear probe (its best check's classifier is the
/// one evaluated on the occluded copies) and the top-1 / top-5 of that classifier on the spatially and
/// the temporally occluded test sets. Accuracies are fractions; Table 4's Δ↓ is Clean.Top1 − occluded.
/// </summary>
public sealed record OcclusionResult(
    ClassifierResult Clean,
    double SpatialTop1,
    double SpatialTop5,
    double TemporalTop1,
    double TemporalTop5);
