using SkeletonSsl.Notebooks.Display;

namespace SkeletonSsl.Notebooks;

/// <summary>
/// An <see cref="IProgress{T}"/> for notebooks: in a kernel one output line (a bar and a text)
/// updates in place; in the headless executor and on a console each report prints a plain line.
/// Hand it to any kit API that takes an <c>IProgress&lt;T&gt;</c>.
/// </summary>
/// <param name="title">What is running, e.g. "pretrain AimCLR joint".</param>
/// <param name="describe">The text for a report (default: ToString()).</param>
/// <param name="fraction">The fraction done for a report, 0..1, for the bar (default: none).</param>
public sealed class InlineProgress<T>(string title, Func<T, string>? describe = null, Func<T, double>? fraction = null) : IProgress<T>
{
    private readonly IDisplaySink _sink = NotebookDisplay.Current;
    private DisplayHandle? _handle;

    public void Report(T value)
    {
        var line = new ProgressLine(title, describe?.Invoke(value) ?? value?.ToString() ?? "", fraction?.Invoke(value));
        if (_sink.IsHeadless)
        {
            Console.Out.WriteLine(line.ToString());
            return;
        }
        if (_handle is null) _handle = _sink.Display(line);
        else _handle.Update(line);
    }
}
