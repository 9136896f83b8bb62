namespace SkeletonSsl.Experiments;

/// <summary>What a protocol's entry point is asked to do: evaluate the pre-trained encoders of
/// <see cref="Runs"/> (one per stream of <see cref="Spec"/>, same order) and fuse them when there are several.</summary>
/// <param name="Spec">The experiment.</param>
/// <param name="Runs">The finished pre-training runs, in the order of the spec's streams.</param>
/// <param name="Profile">Smoke / Quick / Paper.</param>
/// <param name="Seed">The experiment seed.</param>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="DataRoot">A prepared real dataset root, or null for the synthetic set.</param>
/// <param name="OutDirectory">Where the protocol may write logits or logs.</param>
/// <param name="Log">Progress lines, or null.</param>
/// <param name="SyntheticRoot">Where the synthetic set is generated and prepared when <paramref name="DataRoot"/> is null.</param>
public sealed record EvaluationRequest(ExperimentSpec Spec, IReadOnlyList<PretrainRun> Runs, Profile Profile, int Seed,
                                       string Device, string? DataRoot, string OutDirectory, Action<string>? Log = null,
                                       string SyntheticRoot = "data")
{
    /// <summary>The protocol's reports (stage, epoch, loss, top-1), with the stream being evaluated, or null.</summary>
    public IProgress<Evaluation.EvaluationProgress>? Progress { get; init; }
}
