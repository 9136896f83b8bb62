using SkeletonSsl.Reporting;

using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>The outcome of running (or collecting) a table: a result row per measured cell, and what
/// happened to each experiment.</summary>
/// <param name="Rows">One row per table cell that has a result.</param>
/// <param name="Reused">Experiments whose stored result was reused.</param>
/// <param name="Computed">Experiments run now.</param>
/// <param name="Skipped">Experiments not run, with the reason (a part not in the kit yet, or collect-only).</param>
public sealed record TableRun(IReadOnlyList<ResultRow> Rows, IReadOnlyList<ExperimentSpec> Reused,
                              IReadOnlyList<ExperimentSpec> Computed, IReadOnlyList<(ExperimentSpec Spec, string Reason)> Skipped);
