using System.Diagnostics;
using SkeletonSsl.Experiments;
using Spectre.Console;
using Spectre.Console.Rendering;
using SkeletonSsl.Tables;

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
    private const int BarWidth = 20;

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

    /// <summary>The display for one snapshot: <see cref="TableProgressText.Rows"/> as a grid of labels, bars and texts.</summary>
    public static IRenderable Render(TableProgress p)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var row in TableProgressText.Rows(p))
        {
            var (colour, indent) = row.Part switch
            {
                "table" => ("green", ""),
                "experiment" => ("white", ""),
                "epoch" => ("blue", "  "),
                "step" => ("cyan", "  "),
                _ => ("magenta", "  "),
            };
            var label = row.Part is "table" or "experiment" ? $"[bold]{Markup.Escape(row.Label)}[/]" : Markup.Escape(indent + row.Label);
            grid.AddRow(new Markup(label), row.Fraction is { } f ? Bar(f, colour) : new Text(""), new Text(row.Text));
        }
        return grid;
    }

    private static Markup Bar(double fraction, string colour)
    {
        int filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth);
        return new Markup($"[{colour}]{new string('━', filled)}[/][grey]{new string('─', BarWidth - filled)}[/] {100 * Math.Clamp(fraction, 0, 1),3:0}%");
    }
}
