using System.Diagnostics;
using System.Globalization;
using SkeletonSsl.Experiments;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>
/// Table-run progress on an interactive terminal: a live display redrawn from each report, with a table bar
/// (experiments k of n, reused / new / skipped counts, elapsed, the estimate of the time left) and, for the
/// experiment in flight, its pre-training run's epoch and step bars (loss and its terms, samples/s, the run's
/// estimate) or its evaluation's bar. Milestone lines (<see cref="TableProgressText.Line"/>) scroll above it,
/// so the history stays on screen when the display ends.
/// </summary>
internal sealed class TableProgressDisplay : IProgress<TableProgress>
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    private const int BarWidth = 30;

    private readonly IAnsiConsole _console;
    private readonly LiveDisplayContext _live;
    private readonly Stopwatch _sinceDrawn = new();

    private TableProgressDisplay(IAnsiConsole console, LiveDisplayContext live) => (_console, _live) = (console, live);

    /// <summary>
    /// Runs <paramref name="work"/> under a live display on <paramref name="console"/>, handing it the display to report
    /// into and a log that writes plain lines above the display (a bare Console.WriteLine would tear it).
    /// </summary>
    public static T Run<T>(IAnsiConsole console, Func<IProgress<TableProgress>, Action<string>, T> work)
    {
        T result = default!;
        console.Live(new Text("starting…")).AutoClear(true).Overflow(VerticalOverflow.Ellipsis)
            .Start(ctx => result = work(new TableProgressDisplay(console, ctx), line => console.WriteLine(line, Style.Plain)));
        return result;
    }

    public void Report(TableProgress value)
    {
        bool milestone = value.Kind is not (TableProgressKind.PretrainStep or TableProgressKind.EvaluationStep);
        if (milestone && TableProgressText.Line(value) is { } line) _console.WriteLine(line, Style.Plain);
        if (!milestone && _sinceDrawn.IsRunning && _sinceDrawn.Elapsed < MinInterval) return;
        _sinceDrawn.Restart();
        _live.UpdateTarget(Render(value));
        _live.Refresh();
    }

    /// <summary>The display for one snapshot (a grid: a bar column and a text column).</summary>
    public static IRenderable Render(TableProgress p)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap()).AddColumn();
        int n = p.Experiments.Count, done = p.Done;
        var counts = $"{done}/{n} experiments · {p.Count(ExperimentState.Reused)} reused · {p.Count(ExperimentState.New)} new" +
                     (p.Count(ExperimentState.Skipped) > 0 ? $" · {p.Count(ExperimentState.Skipped)} skipped" : "") +
                     $" · {TableProgressText.Duration(p.Elapsed)}" +
                     (TableProgressText.Remaining(p.Remaining, p.RemainingIsPartial) is { } left ? $" · {left}" : "");
        grid.AddRow(new Markup($"[bold]{Markup.Escape(p.TableId)}[/]"), Bar(n == 0 ? 1 : done / (double)n, "green"), new Text(counts));
        if (p.Experiment is { State: ExperimentState.Running or ExperimentState.Waiting } e)
        {
            var state = e.State == ExperimentState.Waiting ? " [yellow](waiting for another process)[/]" : "";
            grid.AddRow(new Markup($"[bold]{e.Index}/{n}[/]"), new Text(""), new Markup(Markup.Escape(e.Label) + state));
        }
        if (p.Pretraining is { } r)
        {
            var epoch = r.Epochs > 0 ? $"epoch {r.Epoch}/{r.Epochs}" : "epoch –";
            var run = $"pre-training {r.Run}/{r.Runs}: {r.Label}" +
                      (TableProgressText.Remaining(r.Remaining, false) is { } runLeft && r.Remaining > TimeSpan.Zero ? $" · {runLeft}" : "");
            grid.AddRow(new Text("  " + epoch), Bar(r.Fraction, "blue"), new Text(run));
            if (r.StepsPerEpoch > 0)
            {
                var step = string.Create(CultureInfo.InvariantCulture,
                    $"loss {r.Loss:F4}{TableProgressText.Terms(r.Terms)} · {r.SamplesPerSecond:F1} samples/s");
                grid.AddRow(new Text($"  step {r.Step}/{r.StepsPerEpoch}"), Bar(r.Step / (double)r.StepsPerEpoch, "cyan"), new Text(step));
            }
        }
        if (p.Evaluation is { } v)
        {
            var what = $"{v.Protocol}{(v.Stream is null ? "" : $", {v.Stream}")}" +
                       (v.Loss is { } loss ? string.Create(CultureInfo.InvariantCulture, $" · loss {loss:F4}") : "") +
                       (v.Top1 is { } top1 ? string.Create(CultureInfo.InvariantCulture, $" · top-1 {100 * top1:F1}%") : "");
            var stage = v.Stage.Length == 0 ? "evaluating" : v.Stage is "train" or "test" ? $"epoch {v.Step}/{v.Steps}" : $"{v.Stage} {v.Step}/{v.Steps}";
            grid.AddRow(new Text("  " + stage), Bar(v.Fraction, "magenta"), new Text(what));
        }
        return grid;
    }

    private static Markup Bar(double fraction, string colour)
    {
        int filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth);
        return new Markup($"[{colour}]{new string('━', filled)}[/][grey]{new string('─', BarWidth - filled)}[/] {100 * Math.Clamp(fraction, 0, 1),3:0}%");
    }
}
