using System.Text;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// Console.Out / Console.Error replacement that sends writes made inside a running cell (this
/// async flow) to that cell's outputs, and everything else to the original writer.
/// </summary>
internal sealed class ConsoleRouter(TextWriter fallback, bool isError) : TextWriter
{
    private static readonly AsyncLocal<CellOutputs?> Cell = new();
    private static readonly object Gate = new();
    private static TextWriter? _installedOut, _installedError, _fallbackOut, _fallbackError;

    public override Encoding Encoding => fallback.Encoding;

    /// <summary>Installs the routers unless they are already Console's writers.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(Console.Out, _installedOut))
            {
                _fallbackOut = Console.Out;
                Console.SetOut(new ConsoleRouter(Console.Out, isError: false));
                _installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, _installedError))
            {
                _fallbackError = Console.Error;
                Console.SetError(new ConsoleRouter(Console.Error, isError: true));
                _installedError = Console.Error;
            }
        }
    }

    /// <summary>The writer underneath when <paramref name="writer"/> is one of the installed routers, else itself.</summary>
    public static TextWriter? Unwrap(TextWriter? writer)
    {
        lock (Gate)
        {
            if (writer is null) return null;
            if (ReferenceEquals(writer, _installedOut)) return _fallbackOut;
            if (ReferenceEquals(writer, _installedError)) return _fallbackError;
            return writer;
        }
    }

    /// <summary>Routes console writes of this async flow to <paramref name="outputs"/> until disposed.</summary>
    public static IDisposable Capture(CellOutputs outputs)
    {
        var previous = Cell.Value;
        Cell.Value = outputs;
        return new Restore(previous);
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (value is null) return;
        if (Cell.Value is { } cell) cell.WriteStream(isError ? "stderr" : "stdout", value);
        else fallback.Write(value);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + NewLine);

    public override void Flush() => fallback.Flush();

    private sealed class Restore(CellOutputs? previous) : IDisposable
    {
        public void Dispose() => Cell.Value = previous;
    }
}
