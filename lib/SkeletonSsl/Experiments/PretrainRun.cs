using SkeletonSsl.Encoders;
using TorchSharp;

namespace SkeletonSsl.Experiments;

/// <summary>A finished pre-training run: where it lives, what it learned, and how to load its encoder.</summary>
/// <param name="Spec">The run's spec.</param>
/// <param name="RunDirectory">The run directory (checkpoints, log, summary).</param>
/// <param name="Checkpoint">The encoder weights used downstream, or null for a random-init encoder.</param>
/// <param name="LossCurve">Mean training loss per epoch, for the report's loss figure.</param>
/// <param name="Encoder">Builds a fresh copy of the trained encoder on a device (protocols that finetune
/// train it in place, so each call must return a new module); null when the method gives none.</param>
public sealed record PretrainRun(PretrainSpec Spec, string RunDirectory, string? Checkpoint, IReadOnlyList<double> LossCurve,
                                 Func<torch.Device, SkeletonEncoder>? Encoder = null);
