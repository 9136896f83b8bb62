namespace SkeletonSsl.Notebooks.Display;

/// <summary>
/// The display host for library code that wants to show something inline (progress, figures): the
/// .NET Interactive kernel when one hosts this process, else the console.
/// </summary>
public static class NotebookDisplay
{
    private static readonly Lazy<IDisplaySink?> Kernel = new(KernelDisplaySink.TryCreate);

    public static IDisplaySink Current => Kernel.Value ?? ConsoleDisplaySink.Instance;

    /// <summary>Shows a value in the current host.</summary>
    public static DisplayHandle Show(object? value, params string[] mimeTypes) => Current.Display(value, mimeTypes);
}
