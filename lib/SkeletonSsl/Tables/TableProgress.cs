using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>
/// One report of a table run: what just happened (<see cref="Kind"/>) and a snapshot of the whole run,
/// so a display can redraw from any single report. <see cref="Runner"/> reports these into
/// <see cref="RunnerOptions.Progress"/>; the CLI draws them live or as plain lines, notebooks inline.
/// </summary>
/// <param name="Kind">The event.</param>
/// <param name="TableId">The table ("aimclr-table4").</param>
/// <param name="TableTitle">Its title.</param>
/// <param name="Experiments">Every distinct experiment of the table, in run order, with its state.</param>
/// <param name="Current">0-based index into <paramref name="Experiments"/> of the experiment the event concerns, or -1.</param>
/// <param name="Pretraining">The pre-training run in flight (or just finished), else null.</param>
/// <param name="Evaluation">The evaluation in flight, else null.</param>
/// <param name="Elapsed">Time since the table run started.</param>
/// <param name="Remaining">An estimate of the time left for the whole table, from measured speeds and the runs
/// left; null until something has been measured.</param>
/// <param name="RemainingIsPartial">True while the estimate leaves out work not yet timed (evaluations before the
/// first one has finished).</param>
public sealed record TableProgress(TableProgressKind Kind, string TableId, string TableTitle,
                                   IReadOnlyList<ExperimentProgress> Experiments, int Current,
                                   PretrainRunStatus? Pretraining, EvaluationStatus? Evaluation,
                                   TimeSpan Elapsed, TimeSpan? Remaining, bool RemainingIsPartial)
{
    /// <summary>The experiment the event concerns, or null.</summary>
    public ExperimentProgress? Experiment => Current >= 0 && Current < Experiments.Count ? Experiments[Current] : null;

    /// <summary>Experiments no longer pending or running: reused, new or skipped.</summary>
    public int Done => Experiments.Count(e => e.State is ExperimentState.Reused or ExperimentState.New or ExperimentState.Skipped);

    public int Count(ExperimentState state) => Experiments.Count(e => e.State == state);
}
