namespace SkeletonSsl.Experiments;

/// <summary>What a method's pre-training entry point is asked to do.</summary>
/// <param name="Spec">The run.</param>
/// <param name="Profile">Smoke / Quick / Paper sizes and epochs.</param>
/// <param name="Seed">The experiment seed; all randomness derives from it.</param>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="DataRoot">A prepared real dataset root, or null for the synthetic set.</param>
/// <param name="RunDirectory">Where the run keeps its checkpoints, log and summary; a finished run there is reused.</param>
/// <param name="Log">Progress lines, or null.</param>
/// <param name="SyntheticRoot">Where the synthetic set is generated and prepared when <paramref name="DataRoot"/> is null.</param>
public sealed record PretrainRequest(PretrainSpec Spec, Profile Profile, int Seed, string Device, string? DataRoot,
                                     string RunDirectory, Action<string>? Log = null, string SyntheticRoot = "data")
{
    /// <summary>Per-step reports of the trainer (epoch, step, loss and its terms, samples/s), or null.</summary>
    public IProgress<Training.PretrainProgress>? Progress { get; init; }
}
