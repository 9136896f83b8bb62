using System.Text.Json.Nodes;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// Which kernel a cell is for, as VS Code's Polyglot Notebooks / .NET Interactive record it:
/// the cell's <c>metadata.polyglot_notebook.kernelName</c> or <c>metadata.dotnet_interactive.language</c>,
/// else the notebook's default kernel (a <c>#!fsharp</c>-style magic line inside the cell is the kernel's to honour).
/// </summary>
internal static class CellLanguage
{
    public const string CSharp = "csharp";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = CSharp, ["c#"] = CSharp, ["cs"] = CSharp, [".net-csharp"] = CSharp,
        ["fsharp"] = "fsharp", ["f#"] = "fsharp", [".net-fsharp"] = "fsharp",
        ["pwsh"] = "pwsh", ["powershell"] = "pwsh", [".net-pwsh"] = "pwsh",
        ["javascript"] = "javascript", ["js"] = "javascript", ["html"] = "html", ["markdown"] = "markdown",
        ["md"] = "markdown", ["mermaid"] = "mermaid", ["sql"] = "sql", ["kql"] = "kql", ["http"] = "http",
        ["python"] = "python", ["value"] = "value",
    };

    public static string Normalise(string name) => Aliases.TryGetValue(name.Trim(), out var n) ? n : name.Trim().ToLowerInvariant();

    public static string? FromCellMetadata(JsonObject cell)
    {
        var metadata = cell["metadata"] as JsonObject;
        string? name = Text(metadata?["polyglot_notebook"]?["kernelName"]) ?? Text(metadata?["dotnet_interactive"]?["language"]);
        return name is null ? null : Normalise(name);
    }

    public static string NotebookDefault(JsonObject notebook)
    {
        var metadata = notebook["metadata"] as JsonObject;
        string? name = Text(metadata?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"])
            ?? Text(metadata?["kernelspec"]?["name"])
            ?? Text(metadata?["kernelspec"]?["language"]);
        return name is null ? CSharp : Normalise(name);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : null;
}
