using System.Text;
using System.Text.Json.Nodes;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// The outputs of one cell in nbformat 4 shape, built from the kernel's events in the order they came, as Jupyter
/// stores them: console text as "stream" outputs (consecutive text of one stream merged), <c>display(...)</c> as
/// "display_data" (updated in place when the kernel updates that display, e.g. a progress line), the trailing
/// expression as "execute_result", a failure as "error".
/// </summary>
internal sealed class CellOutputs(TextWriter? echo)
{
    private readonly List<JsonObject> _outputs = [];
    private readonly Dictionary<string, JsonObject> _displays = [];
    private readonly StringBuilder _stream = new();
    private string _streamName = "stdout";

    public IReadOnlyList<JsonObject> Outputs
    {
        get { FlushStream(); return _outputs.ToArray(); }
    }

    /// <summary>Takes one kernel event (its type and body); events that carry no output are ignored.</summary>
    public void Add(string type, JsonObject body, int executionCount)
    {
        switch (type)
        {
            case "StandardOutputValueProduced":
                WriteStream("stdout", PlainText(body));
                break;
            case "StandardErrorValueProduced":
                WriteStream("stderr", PlainText(body));
                break;
            case "DisplayedValueProduced":
                var display = Bundle("display_data", body);
                if (body["valueId"]?.GetValue<string>() is { } id) _displays[id] = display;
                Append(display);
                break;
            case "DisplayedValueUpdated":
                if (body["valueId"]?.GetValue<string>() is { } updated && _displays.TryGetValue(updated, out var shown))
                    shown["data"] = Bundle("display_data", body)["data"]!.DeepClone();
                else
                    Append(Bundle("display_data", body));
                break;
            case "ReturnValueProduced":
                var result = Bundle("execute_result", body);
                result["execution_count"] = executionCount;
                Append(result);
                break;
        }
    }

    /// <summary>The cell's failure as Jupyter's "error" output.</summary>
    public void AddError(string name, string message) => Append(new JsonObject
    {
        ["output_type"] = "error",
        ["ename"] = name,
        ["evalue"] = message,
        ["traceback"] = new JsonArray(message.Split('\n').Select(l => (JsonNode)JsonValue.Create(l.TrimEnd('\r'))!).ToArray()),
    });

    private void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        if (name != _streamName) FlushStream();
        _streamName = name;
        _stream.Append(text);
        echo?.Write(text);
    }

    private void Append(JsonObject output)
    {
        FlushStream();
        _outputs.Add(output);
    }

    private void FlushStream()
    {
        if (_stream.Length == 0) return;
        _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = _streamName, ["text"] = Lines(_stream.ToString()) });
        _stream.Clear();
    }

    private static JsonObject Bundle(string outputType, JsonObject body)
    {
        var data = new JsonObject();
        foreach (var value in body["formattedValues"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (value["mimeType"]?.GetValue<string>() is { } mime && value["value"]?.GetValue<string>() is { } text)
                data[mime] = Lines(text);
        }
        return new JsonObject { ["output_type"] = outputType, ["data"] = data, ["metadata"] = new JsonObject() };
    }

    private static string PlainText(JsonObject body) => string.Concat(
        (body["formattedValues"]?.AsArray().OfType<JsonObject>() ?? [])
            .Where(v => v["mimeType"]?.GetValue<string>() == "text/plain")
            .Select(v => v["value"]?.GetValue<string>() ?? ""));

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
}
