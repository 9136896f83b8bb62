using System.Text.Json.Nodes;
using SkeletonSsl.Data;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>One cell of a <see cref="NotebookDocument"/>, a view over its JSON object.</summary>
public sealed class NotebookCell
{
    private readonly JsonObject _node;

    internal NotebookCell(int index, JsonObject node, string notebook)
    {
        Index = index;
        _node = node;
        CellType = node["cell_type"]?.GetValue<string>()
            ?? throw new DataFormatException(notebook, "expected \"cell_type\"", field: $"cells[{index}]");
        Source = node["source"] switch
        {
            null => "",
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
            _ => throw new DataFormatException(notebook, "expected \"source\" to be a string or an array of strings", field: $"cells[{index}].source"),
        };
    }

    /// <summary>0-based position in the notebook, markdown cells included.</summary>
    public int Index { get; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType { get; }

    public string Source { get; }

    public bool IsCode => CellType == "code";

    /// <summary>The kernel this code cell names in its metadata, else null.</summary>
    public string? MetadataLanguage => CellLanguage.FromCellMetadata(_node);

    /// <summary>The execution count ("In [n]"), null when the cell has not run.</summary>
    public int? ExecutionCount => _node["execution_count"] is JsonValue v && v.TryGetValue(out int n) ? n : null;

    /// <summary>The outputs in nbformat 4 shape (stream, display_data, execute_result, error).</summary>
    public IReadOnlyList<JsonObject> Outputs => _node["outputs"] is JsonArray a ? a.OfType<JsonObject>().ToArray() : [];

    /// <summary>The cell's JSON object itself.</summary>
    public JsonObject Json => _node;

    /// <summary>Replaces the outputs and sets the execution count (code cells).</summary>
    internal void SetOutputs(int? executionCount, IEnumerable<JsonObject> outputs)
    {
        _node["execution_count"] = executionCount;
        _node["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray());
    }
}
