using SkeletonSsl.Experiments;
using SkeletonSsl.Evaluation;

namespace SkeletonSsl.Experiments;

/// <summary>One finished experiment as stored on disk: its spec and key, the protocol's metrics and
/// figure data, and its provenance. Table cells read their values from it (<see cref="ResultRow"/>).</summary>
/// <param name="Spec">The experiment.</param>
/// <param name="ConfigHash">The spec's hash when it was stored.</param>
/// <param name="Profile">Smoke / Quick / Paper.</param>
/// <param name="Seed">The experiment seed.</param>
/// <param name="Data">Synthetic or real.</param>
/// <param name="Metrics">Metric name to value, in the paper's units.</param>
/// <param name="Figures">Figure data (t-SNE points, curves, confusion matrices).</param>
/// <param name="LossCurves">Pre-training loss per epoch, one per stream.</param>
/// <param name="Provenance">Commit, device, TorchSharp version, time.</param>
/// <param name="WallSeconds">How long pre-training and evaluation took.</param>
public sealed record ExperimentRecord(ExperimentSpec Spec, string ConfigHash, Profile Profile, int Seed, DataKind Data,
                                      IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<FigureData> Figures,
                                      IReadOnlyList<CurveSeries> LossCurves, Provenance Provenance, double WallSeconds)
{
    public ExperimentKey Key => new(Spec, Profile, Seed, Data);
}
