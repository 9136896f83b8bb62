using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkeletonSsl.Data;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// A Jupyter notebook (nbformat 4) as its JSON tree, so that saving keeps every field we do not
/// touch. Cells are read as <see cref="NotebookCell"/>s; the executor writes their outputs and
/// execution counts back.
/// </summary>
public sealed class NotebookDocument
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        // Outputs hold HTML and scripts: keep them readable instead of \u003C-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private NotebookDocument(JsonObject root, string source, IReadOnlyList<NotebookCell> cells)
    {
        Root = root;
        Source = source;
        Cells = cells;
    }

    /// <summary>The whole notebook.</summary>
    public JsonObject Root { get; }

    /// <summary>Where it was read from (a path or a name), for messages.</summary>
    public string Source { get; }

    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The kernel name code cells use unless they name another: "csharp", "fsharp", ...</summary>
    public string DefaultLanguage => CellLanguage.NotebookDefault(Root);

    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"notebook not found: {path}", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses nbformat 4 JSON; <paramref name="source"/> names it in error messages.</summary>
    public static NotebookDocument Parse(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DataFormatException(source, $"not valid JSON: {e.Message}", line: (int?)(e.LineNumber + 1), inner: e);
        }
        if (node is not JsonObject root) throw new DataFormatException(source, "expected a JSON object (an .ipynb notebook)");
        if (root["nbformat"] is not JsonValue format || !format.TryGetValue(out int major) || major != 4)
            throw new DataFormatException(source, "expected nbformat 4", field: "nbformat");
        if (root["cells"] is not JsonArray cells) throw new DataFormatException(source, "expected a \"cells\" array", field: "cells");
        var list = new List<NotebookCell>(cells.Count);
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell) throw new DataFormatException(source, "expected a cell object", field: $"cells[{i}]");
            list.Add(new NotebookCell(i, cell, source));
        }
        return new NotebookDocument(root, source, list);
    }

    /// <summary>Removes every code cell's outputs and execution count (how notebooks are committed); returns how many cells changed.</summary>
    public int ClearOutputs()
    {
        int changed = 0;
        foreach (var cell in Cells.Where(c => c.IsCode && (c.Outputs.Count > 0 || c.ExecutionCount is not null)))
        {
            cell.SetOutputs(null, []);
            changed++;
        }
        return changed;
    }

    public string ToJson() => Root.ToJsonString(WriteOptions) + "\n";

    /// <summary>Writes the notebook atomically (a temporary file, then a rename).</summary>
    public void Save(string path)
    {
        SkeletonSsl.Data.Formats.AtomicFile.WriteAllText(Path.GetFullPath(path), ToJson());
    }
}
