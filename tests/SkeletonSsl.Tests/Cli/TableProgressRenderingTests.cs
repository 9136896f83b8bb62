using SkeletonSsl.Cli.Commands.Table;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Training;
using Spectre.Console;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Cli;

/// <summary>The table-run displays driven by a synthetic run: a tracker fed fake pre-training and evaluation reports.</summary>
public sealed class TableProgressRenderingTests
{
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(double seconds) => _ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    private sealed class Capture(IProgress<TableProgress> next) : IProgress<TableProgress>
    {
        public List<TableProgress> Reports { get; } = [];
        public void Report(TableProgress value)
        {
            Reports.Add(value);
            next.Report(value);
        }
    }

    // aimclr-table6: two three-stream experiments. The first is reused; the second trains three runs of 2 epochs x 2 steps.
    private static readonly SkeletonSsl.Tables.TableDefinition Table = Catalog.Default.Table("aimclr-table6");

    private static void SyntheticRun(IProgress<TableProgress> sink, ManualTime time, Action<TableProgress>? midRun = null, Capture? capture = null)
    {
        var (first, second) = (Table.Experiments.First(), Table.Experiments.Last());
        var tracker = new TableProgressTracker(Table, Catalog.Default, sink, null, _ => false, _ => false, time: time);
        tracker.Started();
        tracker.Reused(first, Record(first, 61.5));
        tracker.Started(second);
        foreach (var run in second.Pretrains)
            tracker.Pretrain(run, progress =>
            {
                for (int epoch = 1; epoch <= 2; epoch++)
                    for (int step = 1; step <= 2; step++)
                    {
                        time.Advance(1);
                        progress.Report(new PretrainProgress(epoch, 2, step, 2, 5 - epoch, 0.1, 32, [new("contrastive", 4 - epoch), new("d3m", 1)]));
                        if (epoch == 2 && step == 1 && run.Stream == SkeletonSsl.Skeletons.SkeletonStream.Joint && capture is not null) midRun?.Invoke(capture.Reports[^1]);
                    }
                return new PretrainRun(run, "run", "encoder", [4.0, 3.0]);
            });
        tracker.Evaluate(second, progress =>
        {
            time.Advance(3);
            progress.Report(new EvaluationProgress("linear", "train", 1, 2, 1.2, 0.3) { Stream = SkeletonSsl.Skeletons.SkeletonStream.Joint });
            return new ProtocolResult(new Dictionary<string, double> { ["top1"] = 42.2 }, []);
        });
        tracker.Finished(second, Record(second, 42.2));
        tracker.Finished();
    }

    [Fact]
    public void Redirected_output_is_one_plain_line_per_milestone()
    {
        var output = new StringWriter();
        SyntheticRun(new TableProgressLines(output), new ManualTime());
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([
            "aimclr-table6 (2 experiments): Table 6: Linear evaluation results on NTU-120 dataset.",
            "[1/2] reused: AimCLR, joint+motion+bone, NTU-120 xsub, linear evaluation (top-1 61.5%)",
            "[2/2] running: AimCLR, joint+motion+bone, NTU-120 xset, linear evaluation",
            "  pre-training 1/3: AimCLR, joint, NTU-120 xset",
            "    epoch 1/2: mean loss 4.0000 (contrastive 3, d3m 1), 32.0 samples/s, run: about 2 s left (estimate)",
            "    epoch 2/2: mean loss 3.0000 (contrastive 2, d3m 1), 32.0 samples/s",
            "  pre-training 1/3: done in 4 s: AimCLR, joint, NTU-120 xset",
            "  pre-training 2/3: AimCLR, motion, NTU-120 xset",
            "    epoch 1/2: mean loss 4.0000 (contrastive 3, d3m 1), 32.0 samples/s, run: about 2 s left (estimate)",
            "    epoch 2/2: mean loss 3.0000 (contrastive 2, d3m 1), 32.0 samples/s",
            "  pre-training 2/3: done in 4 s: AimCLR, motion, NTU-120 xset",
            "  pre-training 3/3: AimCLR, bone, NTU-120 xset",
            "    epoch 1/2: mean loss 4.0000 (contrastive 3, d3m 1), 32.0 samples/s, run: about 2 s left (estimate)",
            "    epoch 2/2: mean loss 3.0000 (contrastive 2, d3m 1), 32.0 samples/s",
            "  pre-training 3/3: done in 4 s: AimCLR, bone, NTU-120 xset",
            "  evaluating: linear evaluation",
            "[2/2] finished in 15 s: AimCLR, joint+motion+bone, NTU-120 xset, linear evaluation (top-1 42.2%)",
            "aimclr-table6: done in 15 s: 1 reused, 1 new, 0 skipped",
        ], lines);
        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.DoesNotContain(Table.Experiments.Last().Hash, output.ToString());
    }

    [Fact]
    public void The_live_display_shows_the_table_bar_and_the_current_runs_epoch_and_step_bars()
    {
        TableProgress? seen = null;
        var capture = new Capture(new TableProgressLines(TextWriter.Null));
        SyntheticRun(capture, new ManualTime(), p => seen = p, capture);
        Assert.NotNull(seen);
        var text = Rendered(TableProgressDisplay.Render(seen!));
        Assert.Contains("aimclr-table6", text);
        Assert.Contains("1/2 experiments · 1 reused · 0 new", text);
        // This run: 1 step left at 1 step/s; two more runs of a projected 4 s; evaluations not timed yet.
        Assert.Contains("about 9 s left (estimate, evaluations not yet timed)", text);
        Assert.Contains("2/2", text);
        Assert.Contains("AimCLR, joint+motion+bone, NTU-120 xset, linear evaluation", text);
        Assert.Contains("epoch 2/2", text);
        Assert.Contains("step 1/2", text);
        Assert.Contains("loss 3.0000 (contrastive 2, d3m 1) · 32.0 samples/s", text);
        Assert.Contains("pre-training 1/3: AimCLR, joint, NTU-120 xset · about 1 s left (estimate)", text);
        Assert.Contains(" 75%", text);                                          // the run's bar: 3 of 4 steps
        Assert.Contains(" 50%", text);                                          // the table's and the step's bars
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void The_live_display_shows_the_evaluations_epoch()
    {
        var capture = new Capture(new TableProgressLines(TextWriter.Null));
        SyntheticRun(capture, new ManualTime());
        var evaluating = capture.Reports.Last(r => r.Kind == TableProgressKind.EvaluationStep);
        var text = Rendered(TableProgressDisplay.Render(evaluating));
        Assert.Contains("epoch 1/2", text);
        Assert.Contains("linear evaluation, joint · loss 1.2000 · top-1 30.0%", text);
        Assert.DoesNotContain("pre-training", text);
    }

    [Fact]
    public void The_live_display_writes_the_milestone_lines_above_itself()
    {
        var (writer, console) = PlainConsole();
        var result = TableProgressDisplay.Run(console, (progress, log) =>
        {
            log("note: a plain line");
            SyntheticRun(progress, new ManualTime());
            return 7;
        });
        Assert.Equal(7, result);
        var text = writer.ToString();
        Assert.Contains("note: a plain line", text);
        Assert.Contains("[1/2] reused: AimCLR, joint+motion+bone, NTU-120 xsub, linear evaluation (top-1 61.5%)", text);
        Assert.Contains("aimclr-table6: done in 15 s: 1 reused, 1 new, 0 skipped", text);
    }

    private static string Rendered(Spectre.Console.Rendering.IRenderable renderable)
    {
        var (writer, console) = PlainConsole();
        console.Write(renderable);
        return writer.ToString();
    }

    private static (StringWriter, IAnsiConsole) PlainConsole()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 240;
        return (writer, console);
    }

    private static ExperimentRecord Record(ExperimentSpec spec, double top1) =>
        new(spec, spec.Hash, Profile.Smoke, 0, DataKind.Synthetic, new Dictionary<string, double> { ["top1"] = top1 }, [], [],
            Provenance.Capture("cpu"), 1);
}
