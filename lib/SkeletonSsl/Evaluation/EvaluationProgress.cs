namespace SkeletonSsl.Evaluation;

/// <summary>
/// One progress report from an evaluation protocol: which protocol, which stage
/// ("features", "train", "test", "tsne"), how far (Step of Steps) and, where known, the latest
/// training loss and test top-1. <see cref="Stream"/> is set by a caller that evaluates streams one
/// by one (the table runner's protocols), null otherwise.
/// </summary>
public sealed record EvaluationProgress(string Protocol, string Stage, int Step, int Steps, double? Loss = null, double? Top1 = null)
{
    public Skeletons.SkeletonStream? Stream { get; init; }
}
