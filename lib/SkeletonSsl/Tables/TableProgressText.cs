using System.Globalization;

using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>
/// The words of table-run progress, shared by every display: one plain line per milestone (what redirected
/// CLI output, logs and a notebook's text output show), durations, metrics and the honest wording of the estimate.
/// </summary>
public static class TableProgressText
{
    /// <summary>
    /// The plain line for a milestone (table started/finished, experiment started/reused/waiting/skipped/finished,
    /// pre-training started/finished and each finished epoch, evaluation started); null for per-step reports.
    /// </summary>
    public static string? Line(TableProgress p)
    {
        string Position() => p.Experiment is { } e ? $"[{e.Index}/{p.Experiments.Count}] " : "";
        var label = p.Experiment?.Label ?? "";
        return p.Kind switch
        {
            TableProgressKind.TableStarted => $"{p.TableId} ({Count(p.Experiments.Count, "experiment")}): {p.TableTitle}",
            TableProgressKind.ExperimentStarted => $"{Position()}running: {label}",
            TableProgressKind.ExperimentWaiting => $"{Position()}waiting for another process that computes it: {label}",
            TableProgressKind.ExperimentReused => $"{Position()}reused: {label}{Metrics(p.Experiment!.Metrics)}",
            TableProgressKind.ExperimentSkipped => $"{Position()}skipped: {label} ({p.Experiment!.Reason})",
            TableProgressKind.ExperimentFinished =>
                $"{Position()}finished in {Duration(TimeSpan.FromSeconds(p.Experiment!.Seconds ?? 0))}: {label}{Metrics(p.Experiment.Metrics)}" +
                (Remaining(p.Remaining, p.RemainingIsPartial) is { } left && p.Done < p.Experiments.Count ? $"; table: {left}" : ""),
            TableProgressKind.PretrainStarted when p.Pretraining is { } r => $"  pre-training {r.Run}/{r.Runs}: {r.Label}",
            TableProgressKind.PretrainEpoch when p.Pretraining is { } r => "    " + Epoch(r),
            TableProgressKind.PretrainFinished when p.Pretraining is { } r => r.Reused
                ? $"  pre-training {r.Run}/{r.Runs}: nothing to train (a finished run is reused): {r.Label}"
                : r.Epochs == 0 ? $"  pre-training {r.Run}/{r.Runs}: none for this method: {r.Label}"
                : $"  pre-training {r.Run}/{r.Runs}: done in {Duration(r.Elapsed)}: {r.Label}",
            TableProgressKind.EvaluationStarted when p.Evaluation is { } v => $"  evaluating: {v.Protocol}",
            TableProgressKind.TableFinished =>
                $"{p.TableId}: done in {Duration(p.Elapsed)}: {p.Count(ExperimentState.Reused)} reused, {p.Count(ExperimentState.New)} new, {p.Count(ExperimentState.Skipped)} skipped",
            _ => null,
        };
    }

    /// <summary>
    /// What a live display shows for a snapshot, line by line: the table (experiments k of n, reused / new / skipped,
    /// elapsed, the estimate), the experiment in flight, its pre-training run's epoch and step (loss and terms,
    /// samples/s, the run's estimate) or its evaluation's stage.
    /// </summary>
    public static IReadOnlyList<TableProgressRow> Rows(TableProgress p)
    {
        int n = p.Experiments.Count;
        var rows = new List<TableProgressRow>
        {
            new("table", p.TableId, n == 0 ? 1 : p.Done / (double)n,
                $"{p.Done}/{n} experiments · {p.Count(ExperimentState.Reused)} reused · {p.Count(ExperimentState.New)} new" +
                (p.Count(ExperimentState.Skipped) > 0 ? $" · {p.Count(ExperimentState.Skipped)} skipped" : "") +
                $" · {Duration(p.Elapsed)}" + (Remaining(p.Remaining, p.RemainingIsPartial) is { } left ? $" · {left}" : "")),
        };
        if (p.Experiment is { State: ExperimentState.Running or ExperimentState.Waiting } e)
            rows.Add(new("experiment", $"{e.Index}/{n}", null,
                         e.Label + (e.State == ExperimentState.Waiting ? " (waiting for another process)" : "")));
        if (p.Pretraining is { } r)
        {
            rows.Add(new("epoch", r.Epochs > 0 ? $"epoch {r.Epoch}/{r.Epochs}" : "epoch –", r.Fraction,
                         $"pre-training {r.Run}/{r.Runs}: {r.Label}" +
                         (r.Remaining > TimeSpan.Zero && Remaining(r.Remaining, false) is { } runLeft ? $" · {runLeft}" : "")));
            if (r.StepsPerEpoch > 0)
                rows.Add(new("step", $"step {r.Step}/{r.StepsPerEpoch}", r.Step / (double)r.StepsPerEpoch,
                             string.Create(CultureInfo.InvariantCulture, $"loss {r.Loss:F4}{Terms(r.Terms)} · {r.SamplesPerSecond:F1} samples/s")));
        }
        if (p.Evaluation is { } v)
            rows.Add(new("evaluation",
                         v.Stage.Length == 0 ? "evaluating" : v.Stage is "train" or "test" ? $"epoch {v.Step}/{v.Steps}" : $"{v.Stage} {v.Step}/{v.Steps}",
                         v.Fraction,
                         $"{v.Protocol}{(v.Stream is null ? "" : $", {v.Stream}")}" +
                         (v.Loss is { } loss ? string.Create(CultureInfo.InvariantCulture, $" · loss {loss:F4}") : "") +
                         (v.Top1 is { } top1 ? string.Create(CultureInfo.InvariantCulture, $" · top-1 {100 * top1:F1}%") : "")));
        return rows;
    }

    /// <summary>"epoch 3/10: mean loss 4.1234 (infonce 3.9, d3m 0.21), 120.5 samples/s, run: about 2 min 00 s left (estimate)".</summary>
    public static string Epoch(PretrainRunStatus r) =>
        string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch}/{r.Epochs}: mean loss {r.EpochLoss:F4}{Terms(r.EpochTerms)}, {r.SamplesPerSecond:F1} samples/s") +
        (r.Epoch < r.Epochs && Remaining(r.Remaining, false) is { } left ? $", run: {left}" : "");

    /// <summary>" (infonce 3.91, d3m 0.214)", or "" without terms.</summary>
    public static string Terms(IReadOnlyList<KeyValuePair<string, double>>? terms) =>
        terms is null || terms.Count == 0 ? ""
        : " (" + string.Join(", ", terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:G3}"))) + ")";

    /// <summary>"about 3 min 05 s left (estimate)"; with <paramref name="partial"/>, "(estimate, evaluations not yet timed)"; null without an estimate.</summary>
    public static string? Remaining(TimeSpan? remaining, bool partial) => remaining is { } r
        ? $"about {Duration(r)} left ({(partial ? "estimate, evaluations not yet timed" : "estimate")})"
        : null;

    /// <summary>" (top-1 45.2%)", " (NMI 0.412)", or "" when neither was measured.</summary>
    public static string Metrics(IReadOnlyDictionary<string, double>? metrics) =>
        metrics is null ? ""
        : metrics.TryGetValue("top1", out var top1) ? string.Create(CultureInfo.InvariantCulture, $" (top-1 {top1:F1}%)")
        : metrics.TryGetValue("nmi", out var nmi) ? string.Create(CultureInfo.InvariantCulture, $" (NMI {nmi:F3})") : "";

    /// <summary>"42 s", "3 min 05 s", "2 h 10 min", "1 d 4 h".</summary>
    public static string Duration(TimeSpan t) => t.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, t.TotalSeconds):F0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:D2} s"),
        < 86400 => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:D2} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalDays} d {t.Hours} h"),
    };

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
