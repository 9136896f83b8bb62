using SkeletonSsl.Notebooks.Display;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// What cells see besides their own variables when the headless executor runs them: the
/// kernel's <c>display(value)</c>, so the same notebook code runs in both places.
/// </summary>
public sealed class NotebookGlobals
{
    internal NotebookGlobals()
    {
    }

#pragma warning disable IDE1006 // named as the .NET Interactive kernel names it
    /// <summary>Shows a value as an output of the running cell; the handle's Update replaces it.</summary>
    public DisplayHandle display(object? value, params string[] mimeTypes) => NotebookDisplay.Show(value, mimeTypes);
#pragma warning restore IDE1006
}
