using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using SkeletonSsl.Notebooks.Display;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// The outputs of one running cell in nbformat 4 shape, in the order they happened: console
/// text as "stream" outputs, <c>display(...)</c> as "display_data", the trailing expression as
/// "execute_result", a failure as "error". Values are rendered when displayed (as a kernel does),
/// so a tensor disposed later still shows what it was.
/// </summary>
internal sealed class CellOutputs(TextWriter? echo) : IDisplaySink
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _outputs = [];
    private readonly StringBuilder _stream = new();
    private string _streamName = "stdout";

    public bool IsHeadless => true;

    public IReadOnlyList<JsonObject> Outputs
    {
        get { lock (_gate) { FlushStream(); return _outputs.ToArray(); } }
    }

    public void WriteStream(string name, string text)
    {
        lock (_gate)
        {
            if (name != _streamName) FlushStream();
            _streamName = name;
            _stream.Append(text);
        }
        echo?.Write(text);
    }

    public DisplayHandle Display(object? value, params string[] mimeTypes)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Bundle(value, mimeTypes), ["metadata"] = new JsonObject() };
        Add(output);
        return new Handle(this, output, mimeTypes);
    }

    public void AddResult(object value, int executionCount) => Add(new JsonObject
    {
        ["output_type"] = "execute_result",
        ["execution_count"] = executionCount,
        ["data"] = Bundle(value, []),
        ["metadata"] = new JsonObject(),
    });

    public void AddError(string name, string message, IEnumerable<string> traceback) => Add(new JsonObject
    {
        ["output_type"] = "error",
        ["ename"] = name,
        ["evalue"] = message,
        ["traceback"] = new JsonArray(traceback.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
    });

    private void Add(JsonObject output)
    {
        lock (_gate)
        {
            FlushStream();
            _outputs.Add(output);
        }
    }

    private void FlushStream()
    {
        if (_stream.Length == 0) return;
        _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = _streamName, ["text"] = Lines(_stream.ToString()) });
        _stream.Clear();
    }

    /// <summary>The value in each requested format (default: its preferred ones), always with text/plain.</summary>
    internal static JsonObject Bundle(object? value, IReadOnlyCollection<string> mimeTypes)
    {
        IEnumerable<string> formats = mimeTypes.Count > 0 ? mimeTypes
            : value is null ? [] : Formatter.GetPreferredMimeTypesFor(value.GetType());
        var data = new JsonObject();
        foreach (var mime in formats.Append(PlainTextFormatter.MimeType).Distinct())
            data[mime] = Lines(value.ToDisplayString(mime));
        return data;
    }

    /// <summary>nbformat's multi-line string: a list of lines, each but the last ending in "\n".</summary>
    private static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private sealed class Handle(CellOutputs owner, JsonObject output, string[] mimeTypes) : DisplayHandle
    {
        public override void Update(object? value)
        {
            var data = Bundle(value, mimeTypes);
            lock (owner._gate) output["data"] = data;
        }
    }
}
