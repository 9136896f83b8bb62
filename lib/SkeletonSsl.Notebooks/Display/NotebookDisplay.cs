namespace SkeletonSsl.Notebooks.Display;

/// <summary>
/// The display host for library code that wants to show something inline (progress, figures):
/// the headless executor while it runs a cell, else a .NET Interactive kernel when one hosts
/// this process, else the console.
/// </summary>
public static class NotebookDisplay
{
    private static readonly AsyncLocal<IDisplaySink?> Scoped = new();
    private static readonly Lazy<IDisplaySink?> Kernel = new(KernelDisplaySink.TryCreate);

    public static IDisplaySink Current => Scoped.Value ?? Kernel.Value ?? ConsoleDisplaySink.Instance;

    /// <summary>Shows a value in the current host.</summary>
    public static DisplayHandle Show(object? value, params string[] mimeTypes) => Current.Display(value, mimeTypes);

    /// <summary>Routes displays in this async flow to <paramref name="sink"/> until disposed.</summary>
    public static IDisposable Use(IDisplaySink sink)
    {
        var previous = Scoped.Value;
        Scoped.Value = sink;
        return new Restore(() => Scoped.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
