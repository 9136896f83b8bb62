using System.Diagnostics;
using SkeletonSsl.Experiments;
using SkeletonSsl.Notebooks.Display;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Notebooks;

/// <summary>
/// A table run's progress in a notebook: in a kernel one output that updates in place (the table's bar with
/// experiments k of n and the estimate of the time left, the current pre-training run's epoch and step bars with
/// its loss terms and samples/s, the evaluation's bar, and the milestone lines so far); on a console (tests, the
/// CLI) one plain line per milestone. The paper notebooks hand it to <see cref="PaperTables.Run"/>:
/// <code>var outcome = PaperTables.Run("aimclr-table4", profile, log: Console.WriteLine, progress: new InlineTableProgress());</code>
/// Per-step reports closer together than <paramref name="minInterval"/> are coalesced; milestones always show.
/// </summary>
/// <param name="minInterval">Least time between shown per-step reports (default 0.5 s).</param>
public sealed class InlineTableProgress(TimeSpan? minInterval = null) : IProgress<TableProgress>
{
    private readonly object _gate = new();
    private readonly IDisplaySink _sink = NotebookDisplay.Current;
    private readonly TimeSpan _minInterval = minInterval ?? TimeSpan.FromSeconds(0.5);
    private readonly Stopwatch _sinceShown = new();
    private readonly List<string> _lines = [];
    private DisplayHandle? _handle;

    public void Report(TableProgress value)
    {
        lock (_gate)
        {
            var line = TableProgressText.Line(value);
            if (line is not null) _lines.Add(line);
            if (_sink.IsHeadless)
            {
                if (line is not null) Console.Out.WriteLine(line);
                return;
            }
            if (line is null && _sinceShown.IsRunning && _sinceShown.Elapsed < _minInterval) return;
            _sinceShown.Restart();
            var view = new TableProgressView(TableProgressText.Rows(value), [.. _lines]);
            if (_handle is null) _handle = _sink.Display(view);
            else _handle.Update(view);
        }
    }
}
