namespace SkeletonSsl.Notebooks.Display;

/// <summary>Where displayed values go: a notebook kernel or the console.</summary>
public interface IDisplaySink
{
    /// <summary>True where outputs cannot update in place (a console): progress prints lines.</summary>
    bool IsHeadless { get; }

    /// <summary>
    /// Shows a value as a new output and returns a handle that can replace it;
    /// <paramref name="mimeTypes"/> restricts the formats (default: the value's preferred ones).
    /// </summary>
    DisplayHandle Display(object? value, params string[] mimeTypes);
}
