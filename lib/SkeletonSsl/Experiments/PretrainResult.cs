using SkeletonSsl.Training;

namespace SkeletonSsl.Experiments;

/// <summary>What <see cref="Pretraining.Run"/> leaves: the run folder, the final encoder file and the epochs it ran.</summary>
/// <param name="AlreadyFinished">True when a resume found the run finished: nothing was trained, <paramref name="Info"/>
/// is the stored record and <paramref name="Epochs"/> is empty.</param>
public sealed record PretrainResult(string RunDirectory, string EncoderPath, PretrainRunInfo Info, IReadOnlyList<EpochMetrics> Epochs,
                                    bool AlreadyFinished = false);
