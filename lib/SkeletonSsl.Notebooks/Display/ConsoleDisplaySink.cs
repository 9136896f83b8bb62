using Microsoft.DotNet.Interactive.Formatting;

namespace SkeletonSsl.Notebooks.Display;

/// <summary>Outside any notebook: values print as plain text lines on the console.</summary>
internal sealed class ConsoleDisplaySink : IDisplaySink
{
    public static readonly ConsoleDisplaySink Instance = new();

    public bool IsHeadless => true;

    public DisplayHandle Display(object? value, params string[] mimeTypes)
    {
        var handle = new LineHandle();
        handle.Update(value);
        return handle;
    }

    private sealed class LineHandle : DisplayHandle
    {
        public override void Update(object? value) => Console.Out.WriteLine(value.ToDisplayString(PlainTextFormatter.MimeType));
    }
}
