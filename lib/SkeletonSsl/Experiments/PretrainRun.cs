namespace SkeletonSsl.Experiments;

/// <summary>A finished pre-training run: where it lives and what it learned.</summary>
/// <param name="Spec">The run's spec.</param>
/// <param name="RunDirectory">The run directory (checkpoints, log, summary).</param>
/// <param name="Checkpoint">The encoder weights used downstream, or null for a random-init encoder.</param>
/// <param name="LossCurve">Mean training loss per epoch, for the report's loss figure.</param>
public sealed record PretrainRun(PretrainSpec Spec, string RunDirectory, string? Checkpoint, IReadOnlyList<double> LossCurve);
