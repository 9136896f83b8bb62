namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// A code cell split into what the kernel would treat as directives and the C# that Roslyn
/// compiles. Directive lines become blank lines, so compiler line numbers stay those of the cell.
/// </summary>
/// <param name="Language">The cell's kernel after a leading <c>#!name</c> line, metadata or the notebook default.</param>
/// <param name="Code">The C# to compile.</param>
/// <param name="References">Arguments of <c>#r "..."</c> lines: an assembly path or <c>nuget: Id[, version]</c>.</param>
/// <param name="Unsupported">Magic commands the executor cannot honour (e.g. <c>#!fsharp</c> mid-cell, <c>#!set</c>).</param>
internal sealed record CellDirectives(string Language, string Code, IReadOnlyList<string> References, IReadOnlyList<string> Unsupported)
{
    /// <summary>Magic commands that change nothing about what a C# cell computes.</summary>
    private static readonly HashSet<string> Harmless = new(StringComparer.OrdinalIgnoreCase) { "time", "about", "lsmagic", "whos", "who" };

    public static CellDirectives Parse(string source, string? metadataLanguage, string notebookDefault)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        string? magicLanguage = null;
        var references = new List<string>();
        var unsupported = new List<string>();
        bool seenContent = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                string magic = line[2..].Split(' ', 2)[0];
                if (!seenContent && magicLanguage is null && CellLanguage.IsKernelName(magic)) magicLanguage = CellLanguage.Normalise(magic);
                else if (!Harmless.Contains(magic)) unsupported.Add(line);
                lines[i] = "";
            }
            else if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal))
            {
                if (line.StartsWith("#r", StringComparison.Ordinal)) references.Add(Unquote(line[3..].Trim()));
                lines[i] = "";
            }
            if (line.Length > 0) seenContent = true;
        }
        string language = magicLanguage ?? metadataLanguage ?? notebookDefault;
        return new CellDirectives(language, string.Join("\n", lines), references, unsupported);
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;
}
