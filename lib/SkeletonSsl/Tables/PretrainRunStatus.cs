using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>
/// The pre-training run in flight: where it is (epoch and step, both 1-based), its latest loss and named
/// terms, throughput, and a time estimate from the steps measured so far (null before the first step).
/// </summary>
/// <param name="Label">The reader-friendly name of the run (<see cref="RunLabel.Of(PretrainSpec, Catalog)"/>).</param>
/// <param name="Spec">The run.</param>
/// <param name="Run">1-based position among the current experiment's pre-training runs (one per stream).</param>
/// <param name="Runs">How many pre-training runs the current experiment needs.</param>
/// <param name="Epoch">The epoch in flight (0 before the first step is reported).</param>
/// <param name="Epochs">The run's epochs (0 before the first step is reported).</param>
/// <param name="Step">The step within the epoch.</param>
/// <param name="StepsPerEpoch">Steps in one epoch.</param>
/// <param name="Loss">The latest step's loss (at an epoch's end: the epoch's mean).</param>
/// <param name="Terms">The loss's named terms, same step as <paramref name="Loss"/> (e.g. "infonce", "d3m").</param>
/// <param name="EpochLoss">The mean step loss of the epoch so far (at its last step: the epoch's mean, as metrics.csv records).</param>
/// <param name="EpochTerms">The mean of each named term over the epoch so far.</param>
/// <param name="SamplesPerSecond">The epoch's throughput so far.</param>
/// <param name="Elapsed">Time since the run started in this process.</param>
/// <param name="Remaining">Estimated time to its end from the measured steps/s; null before a measurement.</param>
/// <param name="Reused">True once a run finished without a single step here: an earlier, finished run was reused.</param>
public sealed record PretrainRunStatus(string Label, PretrainSpec Spec, int Run, int Runs, int Epoch = 0, int Epochs = 0,
                                       int Step = 0, int StepsPerEpoch = 0, double? Loss = null,
                                       IReadOnlyList<KeyValuePair<string, double>>? Terms = null, double? EpochLoss = null,
                                       IReadOnlyList<KeyValuePair<string, double>>? EpochTerms = null, double? SamplesPerSecond = null,
                                       TimeSpan Elapsed = default, TimeSpan? Remaining = null, bool Reused = false)
{
    /// <summary>Fraction of the run's steps done, 0..1 (0 before the first report).</summary>
    public double Fraction => Epochs <= 0 || StepsPerEpoch <= 0 ? 0
        : Math.Clamp(((Epoch - 1) + Step / (double)StepsPerEpoch) / Epochs, 0, 1);
}
