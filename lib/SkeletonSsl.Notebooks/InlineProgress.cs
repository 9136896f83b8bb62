using System.Diagnostics;
using SkeletonSsl.Notebooks.Display;

namespace SkeletonSsl.Notebooks;

/// <summary>
/// An <see cref="IProgress{T}"/> for notebooks: in a kernel one output line (a bar and a text)
/// updates in place; on a console (the CLI, tests) reports print plain lines. Hand it
/// to any kit API that takes an <c>IProgress&lt;T&gt;</c>, e.g. the preparers'
/// <c>IProgress&lt;(int Done, int Total)&gt;</c>:
/// <code>using var progress = new InlineProgress&lt;(int Done, int Total)&gt;("prepare", p => $"{p.Done}/{p.Total}", p => (double)p.Done / p.Total);</code>
/// Reports closer together than <c>minInterval</c> are coalesced (a per-sample progress would
/// otherwise flood the outputs); the first report, a report with fraction 1, and the last report
/// (shown on <see cref="Dispose"/>) always show.
/// </summary>
/// <param name="title">What is running, e.g. "pretrain AimCLR joint".</param>
/// <param name="describe">The text for a report (default: ToString()).</param>
/// <param name="fraction">The fraction done for a report, 0..1, for the bar (default: none).</param>
/// <param name="minInterval">Least time between shown reports (default 0.5 s).</param>
public sealed class InlineProgress<T>(
    string title, Func<T, string>? describe = null, Func<T, double>? fraction = null, TimeSpan? minInterval = null) : IProgress<T>, IDisposable
{
    private readonly object _gate = new();
    private readonly IDisplaySink _sink = NotebookDisplay.Current;
    private readonly TimeSpan _minInterval = minInterval ?? TimeSpan.FromSeconds(0.5);
    private readonly Stopwatch _sinceShown = new();
    private DisplayHandle? _handle;
    private ProgressLine? _pending;

    public void Report(T value)
    {
        var line = new ProgressLine(title, describe?.Invoke(value) ?? value?.ToString() ?? "", fraction?.Invoke(value));
        lock (_gate)
        {
            bool due = !_sinceShown.IsRunning || _sinceShown.Elapsed >= _minInterval || line.Fraction >= 1;
            if (due) Show(line);
            else _pending = line;
        }
    }

    /// <summary>Shows the last report if it was coalesced away.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_pending is { } line) Show(line);
        }
    }

    private void Show(ProgressLine line)
    {
        _pending = null;
        _sinceShown.Restart();
        if (_sink.IsHeadless) Console.Out.WriteLine(line.ToString());
        else if (_handle is null) _handle = _sink.Display(line);
        else _handle.Update(line);
    }
}
