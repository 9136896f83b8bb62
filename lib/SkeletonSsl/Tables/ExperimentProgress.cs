using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>One experiment of a table run as a user sees it.</summary>
/// <param name="Index">1-based position among the table's distinct experiments.</param>
/// <param name="Label">The reader-friendly name (<see cref="RunLabel.Of(ExperimentSpec, Catalog)"/>).</param>
/// <param name="Spec">The experiment.</param>
/// <param name="State">Pending, running, waiting, reused, new or skipped.</param>
/// <param name="Metrics">Its metrics once reused or computed (e.g. top1 in %), else null.</param>
/// <param name="Reason">Why it was skipped, else null.</param>
/// <param name="Seconds">How long computing it took (new experiments only).</param>
public sealed record ExperimentProgress(int Index, string Label, ExperimentSpec Spec, ExperimentState State,
                                        IReadOnlyDictionary<string, double>? Metrics = null, string? Reason = null,
                                        double? Seconds = null);
