using SkeletonSsl.Training;

namespace SkeletonSsl.Experiments;

/// <summary>What <see cref="Pretraining.Run"/> leaves: the run folder, the final encoder file and the epochs it ran.</summary>
public sealed record PretrainResult(string RunDirectory, string EncoderPath, PretrainRunInfo Info, IReadOnlyList<EpochMetrics> Epochs);
