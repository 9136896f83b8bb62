using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Experiments;

public sealed class RunnerProgressTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skeletonssl-runner-progress-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class Sink : IProgress<TableProgress>
    {
        public List<TableProgress> Reports { get; } = [];
        public void Report(TableProgress value) => Reports.Add(value);
    }

    private RunnerOptions Options(IProgress<TableProgress>? progress = null, Action<string>? log = null) =>
        new(Profile.Smoke, 0, "cpu", null, Path.Combine(_dir, "runs"), log) { Progress = progress };

    private ResultStore Store => new(Path.Combine(_dir, "results"));

    [Fact]
    public void A_run_reports_each_experiment_and_each_pretraining_then_a_second_run_reports_them_reused()
    {
        var table = Catalog.Default.Table("aimclr-table2");
        var n = table.Experiments.Count();
        var sink = new Sink();
        Fake(Options(sink)).Run(table);
        Assert.Equal(TableProgressKind.TableStarted, sink.Reports[0].Kind);
        Assert.Equal(TableProgressKind.TableFinished, sink.Reports[^1].Kind);
        Assert.Equal(n, sink.Reports.Count(r => r.Kind == TableProgressKind.ExperimentStarted));
        Assert.Equal(n, sink.Reports.Count(r => r.Kind == TableProgressKind.ExperimentFinished));
        Assert.Equal(n, sink.Reports.Count(r => r.Kind == TableProgressKind.EvaluationStarted));
        // One pre-training report per stream of every experiment (a run shared by two experiments is reported twice, trained once).
        Assert.Equal(table.Experiments.Sum(s => s.Streams.Length), sink.Reports.Count(r => r.Kind == TableProgressKind.PretrainStarted));
        Assert.All(sink.Reports[^1].Experiments, e => Assert.Equal(ExperimentState.New, e.State));
        Assert.All(sink.Reports[^1].Experiments, e => Assert.Equal(RunLabel.Of(e.Spec, Catalog.Default), e.Label));
        Assert.Equal(Enumerable.Range(1, n), sink.Reports.Where(r => r.Kind == TableProgressKind.ExperimentStarted).Select(r => r.Experiment!.Index));

        var again = new Sink();
        Fake(Options(again)).Run(table);
        Assert.Equal(n, again.Reports.Count(r => r.Kind == TableProgressKind.ExperimentReused));
        Assert.DoesNotContain(again.Reports, r => r.Kind == TableProgressKind.ExperimentStarted);
        Assert.Equal(TimeSpan.Zero, again.Reports[^1].Remaining);
    }

    [Fact]
    public void Without_progress_the_log_names_runs_by_their_labels_not_their_hashes()
    {
        var table = Catalog.Default.Table("aimclr-table2");
        var lines = new List<string>();
        Fake(Options(log: lines.Add)).Run(table);
        var first = table.Experiments.First();
        Assert.Contains($"[1/{table.Experiments.Count()}] running: {RunLabel.Of(first, Catalog.Default)}", lines);
        Assert.DoesNotContain(lines, l => table.Experiments.Any(s => l.Contains(s.Hash)) || l.Contains("method="));
    }

    [Fact]
    public void Skipped_experiments_are_reported_with_their_reason()
    {
        var sink = new Sink();
        var fake = new FakeParts();
        fake.Runner(fake.Catalog("finetune"), Store, Options(sink)).Run(Catalog.Default.Table("aimclr-table5"));
        var skipped = sink.Reports.Where(r => r.Kind == TableProgressKind.ExperimentSkipped).Select(r => r.Experiment!).ToList();
        Assert.Equal(2, skipped.Count);                                         // the supervised row, two columns
        Assert.All(skipped, e => Assert.Equal(("protocol finetune is not in the kit yet", ExperimentState.Skipped), (e.Reason, e.State)));
        Assert.All(skipped, e => Assert.StartsWith("Random init (ST-GCN), ", e.Label));
        Assert.Equal(2, sink.Reports[^1].Count(ExperimentState.Skipped));
    }

    [Fact]
    public void Loss_curves_are_named_by_their_runs_labels()
    {
        var table = Catalog.Default.Table("aimclr-table2");
        Fake(Options()).Run(table);
        var record = Store.TryLoad(new ExperimentKey(table.Experiments.First(), Profile.Smoke, 0, DataKind.Synthetic))!;
        Assert.Equal(record.Spec.Pretrains.Select(p => RunLabel.Of(p, Catalog.Default)), record.LossCurves.Select(c => c.Name));
        var renamed = record with { LossCurves = [.. record.LossCurves.Select(c => c with { Name = "aimclr joint ntu60-xsub" })] };
        Assert.Equal(record.LossCurves.Select(c => c.Name), TableReport.LossCurves([renamed]).Select(c => c.Name));
    }

    /// <summary>A runner whose pre-training and protocols are counting fakes.</summary>
    private Runner Fake(RunnerOptions options)
    {
        var fake = new FakeParts();
        return fake.Runner(fake.Catalog(), Store, options);
    }
}
