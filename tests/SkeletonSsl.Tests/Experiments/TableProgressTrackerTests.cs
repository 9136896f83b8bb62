using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Training;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Experiments;

public sealed class TableProgressTrackerTests
{
    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(double seconds) => _ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    private sealed class Sink : IProgress<TableProgress>
    {
        public List<TableProgress> Reports { get; } = [];
        public TableProgress Last => Reports[^1];
        public void Report(TableProgress value) => Reports.Add(value);
    }

    // aimclr-table6: two three-stream experiments (xsub, xset), six distinct pre-training runs.
    private static readonly SkeletonSsl.Tables.TableDefinition Table = Catalog.Default.Table("aimclr-table6");

    private static TableProgressTracker Tracker(Sink sink, ManualTime time, Func<ExperimentSpec, bool>? stored = null) =>
        new(Table, Catalog.Default, sink, null, stored ?? (_ => false), _ => false, time: time);

    private static PretrainProgress Step(int epoch, int step, double loss = 4.0) =>
        new(epoch, 5, step, 2, loss, 0.1, 64, [new("contrastive", loss - 1), new("d3m", 1)]);

    [Fact]
    public void No_estimate_before_two_steps_then_steps_left_over_the_measured_rate()
    {
        var (sink, time) = (new Sink(), new ManualTime());
        var tracker = Tracker(sink, time);
        var spec = Table.Experiments.First();
        tracker.Started();
        tracker.Started(spec);
        tracker.Pretrain(spec.Pretrains.First(), progress =>
        {
            time.Advance(1);
            progress.Report(Step(1, 1));
            Assert.Null(sink.Last.Pretraining!.Remaining);                  // one step: nothing measured yet
            Assert.Null(sink.Last.Remaining);
            time.Advance(1);
            progress.Report(Step(1, 2));                                     // 1 step/s; 10 steps in all, 8 left
            var p = sink.Last.Pretraining!;
            Assert.Equal(TimeSpan.FromSeconds(8), p.Remaining);
            Assert.Equal(TableProgressKind.PretrainEpoch, sink.Last.Kind);
            Assert.Equal(0.2, p.Fraction, 9);
            // The table: 8 s of this run, five more runs of a projected 10 s each; evaluations not yet timed.
            Assert.Equal(TimeSpan.FromSeconds(58), sink.Last.Remaining);
            Assert.True(sink.Last.RemainingIsPartial);
            return new PretrainRun(spec.Pretrains.First(), "run", "encoder", [4.0]);
        });
        Assert.Equal(TableProgressKind.PretrainFinished, sink.Last.Kind);
        Assert.False(sink.Last.Pretraining!.Reused);
    }

    [Fact]
    public void Epoch_means_and_named_terms_follow_the_steps()
    {
        var (sink, time) = (new Sink(), new ManualTime());
        var tracker = Tracker(sink, time);
        var spec = Table.Experiments.First();
        tracker.Started();
        tracker.Started(spec);
        tracker.Pretrain(spec.Pretrains.First(), progress =>
        {
            progress.Report(Step(1, 1, loss: 5));
            progress.Report(Step(1, 2, loss: 3));
            var p = sink.Last.Pretraining!;
            Assert.Equal(3, p.Loss);
            Assert.Equal(4, p.EpochLoss);
            Assert.Equal([new("contrastive", 3.0), new("d3m", 1.0)], p.EpochTerms!);
            Assert.Equal([new("contrastive", 2.0), new("d3m", 1.0)], p.Terms!);
            progress.Report(Step(2, 1, loss: 2));                            // a new epoch starts a new mean
            Assert.Equal(2, sink.Last.Pretraining!.EpochLoss);
            return new PretrainRun(spec.Pretrains.First(), "run", "encoder", [4.0]);
        });
    }

    [Fact]
    public void After_a_timed_run_and_evaluation_the_table_estimate_counts_the_runs_and_evaluations_left()
    {
        var (sink, time) = (new Sink(), new ManualTime());
        var tracker = Tracker(sink, time);
        var first = Table.Experiments.First();
        tracker.Started();
        tracker.Started(first);
        foreach (var run in first.Pretrains)
            tracker.Pretrain(run, progress =>
            {
                progress.Report(Step(1, 1));
                time.Advance(10);
                progress.Report(Step(5, 2));
                return new PretrainRun(run, "run", "encoder", [4.0]);
            });
        tracker.Evaluate(first, progress =>
        {
            time.Advance(2);
            progress.Report(new EvaluationProgress("linear", "train", 3, 10, 1.5, 0.4) { Stream = SkeletonSsl.Skeletons.SkeletonStream.Bone });
            var v = sink.Last.Evaluation!;
            Assert.Equal(("linear evaluation", "bone", "train", 0.3), (v.Protocol, v.Stream, v.Stage, v.Fraction));
            return new ProtocolResult(new Dictionary<string, double> { ["top1"] = 50 }, []);
        });
        tracker.Finished(first, Record(first, 50));
        var finished = sink.Last;
        Assert.Equal((TableProgressKind.ExperimentFinished, ExperimentState.New, 1), (finished.Kind, finished.Experiment!.State, finished.Done));
        // Three runs of 10 s and one evaluation of 2 s are left.
        Assert.Equal(TimeSpan.FromSeconds(32), finished.Remaining);
        Assert.False(finished.RemainingIsPartial);
        Assert.Equal(TimeSpan.FromSeconds(32), finished.Elapsed);
    }

    [Fact]
    public void Stored_results_and_finished_runs_count_as_no_work_left()
    {
        var (sink, time) = (new Sink(), new ManualTime());
        var second = Table.Experiments.Last();
        var tracker = Tracker(sink, time, stored: s => s.Equals(second));
        var first = Table.Experiments.First();
        tracker.Started();
        tracker.Started(first);
        var run = first.Pretrains.First();
        tracker.Pretrain(run, progress =>
        {
            progress.Report(Step(1, 1));
            time.Advance(4);
            progress.Report(Step(5, 2));
            return new PretrainRun(run, "run", "encoder", [4.0]);
        });
        // Two more runs of the first experiment (4 s each); the second experiment is stored; its evaluation is not timed.
        Assert.Equal(TimeSpan.FromSeconds(8), sink.Last.Remaining);
        Assert.True(sink.Last.RemainingIsPartial);
    }

    [Fact]
    public void A_run_that_needed_no_step_is_reported_reused_and_waiting_is_seen_from_the_lock_log()
    {
        var (sink, time) = (new Sink(), new ManualTime());
        var heard = new List<string>();
        var tracker = Tracker(sink, time);
        var first = Table.Experiments.First();
        tracker.Started();
        tracker.WaitLog(first, heard.Add)("  waiting for the other process working in x to finish");
        Assert.Equal((TableProgressKind.ExperimentWaiting, ExperimentState.Waiting), (sink.Last.Kind, sink.Last.Experiment!.State));
        Assert.Single(heard);
        tracker.Reused(first, Record(first, 61.5));
        Assert.Equal(ExperimentState.Reused, sink.Last.Experiment!.State);
        Assert.Equal(61.5, sink.Last.Experiment!.Metrics!["top1"]);
        var second = Table.Experiments.Last();
        tracker.Started(second);
        tracker.Pretrain(second.Pretrains.First(), _ => new PretrainRun(second.Pretrains.First(), "run", "encoder", [4.0]));
        Assert.True(sink.Last.Pretraining!.Reused);
        Assert.Equal((1, 3), (sink.Last.Pretraining.Run, sink.Last.Pretraining.Runs));
        tracker.Finished();
        Assert.Equal((TableProgressKind.TableFinished, TimeSpan.Zero), (sink.Last.Kind, sink.Last.Remaining));
    }

    [Fact]
    public void Without_a_sink_the_milestones_go_to_the_log_as_labelled_lines()
    {
        var lines = new List<string>();
        var time = new ManualTime();
        var tracker = new TableProgressTracker(Table, Catalog.Default, null, lines.Add, _ => false, _ => false, time: time);
        var first = Table.Experiments.First();
        tracker.Started();
        tracker.Started(first);
        tracker.Pretrain(first.Pretrains.First(), progress =>
        {
            progress.Report(Step(1, 1));
            progress.Report(Step(1, 2));
            return new PretrainRun(first.Pretrains.First(), "run", "encoder", [4.0]);
        });
        Assert.Equal([
            "aimclr-table6 (2 experiments): Table 6: Linear evaluation results on NTU-120 dataset.",
            "[1/2] running: AimCLR, joint+motion+bone, NTU-120 xsub, linear evaluation",
            "  pre-training 1/3: AimCLR, joint, NTU-120 xsub",
            "    epoch 1/5: mean loss 4.0000 (contrastive 3, d3m 1), 64.0 samples/s",
            "  pre-training 1/3: done in 0 s: AimCLR, joint, NTU-120 xsub",
        ], lines);
        Assert.All(lines, l => Assert.DoesNotContain(first.Hash, l));
    }

    private static ExperimentRecord Record(ExperimentSpec spec, double top1) =>
        new(spec, spec.Hash, Profile.Smoke, 0, DataKind.Synthetic, new Dictionary<string, double> { ["top1"] = top1 }, [], [],
            Provenance.Capture("cpu"), 1);
}
