using System.Text.Json.Nodes;

namespace SkeletonSsl.Tests.Notebooks;

/// <summary>Builds small nbformat 4 notebooks as VS Code's Polyglot Notebooks saves them.</summary>
internal static class TestNotebooks
{
    /// <summary>A cell: text starting with "md:" is markdown, "fs:" an F# cell, anything else C#.</summary>
    public static string Json(params string[] cells)
    {
        var array = new JsonArray();
        foreach (var cell in cells)
        {
            if (cell.StartsWith("md:", StringComparison.Ordinal))
            {
                array.Add(new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = Lines(cell[3..]) });
                continue;
            }
            string kernel = cell.StartsWith("fs:", StringComparison.Ordinal) ? "fsharp" : "csharp";
            array.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject
                {
                    ["dotnet_interactive"] = new JsonObject { ["language"] = kernel },
                    ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel },
                },
                ["outputs"] = new JsonArray(),
                ["source"] = Lines(kernel == "fsharp" ? cell[3..] : cell),
            });
        }
        var notebook = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp" } },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return notebook.ToJsonString();
    }

    /// <summary>Writes the notebook into a fresh temporary folder and returns its path.</summary>
    public static string Write(params string[] cells) => WriteBelow(Path.Combine(Path.GetTempPath(), "skeletonssl-nb-"), cells);

    /// <summary>
    /// Writes the notebook into a fresh folder below the repository's git-ignored runs/ (so that its setup cell finds
    /// the checkout and the built kit) and returns its path.
    /// </summary>
    public static string WriteInRepository(params string[] cells) =>
        WriteBelow(Path.Combine(RepositoryFiles.Root, "runs", "test-notebooks") + Path.DirectorySeparatorChar, cells);

    /// <summary>Writes test.ipynb into the folder <paramref name="prefix"/> plus a fresh suffix.</summary>
    private static string WriteBelow(string prefix, string[] cells)
    {
        string dir = prefix + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "test.ipynb");
        File.WriteAllText(path, Json(cells));
        return path;
    }

    /// <summary>The outputs of cell <paramref name="index"/> of a written notebook.</summary>
    public static JsonArray Outputs(JsonNode notebook, int index) => notebook["cells"]![index]!["outputs"]!.AsArray();

    /// <summary>All text of one MIME type (or a stream's text) across the outputs of a cell.</summary>
    public static string Text(JsonNode notebook, int index, string mime) =>
        string.Concat(Outputs(notebook, index).Select(o => o!["output_type"]!.GetValue<string>() == "stream"
            ? (mime == "stream" ? Join(o["text"]) : "")
            : Join(o["data"]?[mime])));

    private static string Join(JsonNode? lines) => lines switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(l => l!.GetValue<string>())),
        _ => lines.GetValue<string>(),
    };

    private static JsonArray Lines(string source)
    {
        var lines = source.Split('\n');
        return new JsonArray(lines.Select((l, i) => (JsonNode)JsonValue.Create(i < lines.Length - 1 ? l + "\n" : l)!).ToArray());
    }
}
