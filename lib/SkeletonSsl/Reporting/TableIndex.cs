using System.Text;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Reporting;

/// <summary>The table of tables: every paper table with its notebook, CLI command and status.</summary>
public static partial class TableIndex
{
    /// <summary>"reproduced on synthetic", "ready for real data" or "not yet".</summary>
    public static string Describe(TableStatus status) => status switch
    {
        TableStatus.ReproducedOnSynthetic => "reproduced on synthetic",
        TableStatus.ReadyForRealData => "ready for real data",
        _ => "not yet",
    };

    /// <summary>One entry per catalog table: paper by paper, its tables before its figures, in the paper's numbering
    /// (Table 2 before Table 10).</summary>
    public static IReadOnlyList<(Tables.TableDefinition Table, TableStatus Status)> Entries(Catalog catalog, ResultStore? results = null,
                                                                                          Profile profile = Profile.Quick, int seed = 0) =>
        catalog.Tables.Values.OrderBy(t => t.Paper, StringComparer.Ordinal).ThenBy(t => t.Kind).ThenBy(t => NumberedKey(t.Id), StringComparer.Ordinal)
            .Select(t => (t, catalog.StatusOf(t, results, profile, seed))).ToList();

    /// <summary>The id with its numbers zero-padded, so that ordinal order is numeric order ("table10" after "table9").</summary>
    private static string NumberedKey(string id) => Digits().Replace(id, m => m.Value.PadLeft(6, '0'));

    [System.Text.RegularExpressions.GeneratedRegex("[0-9]+")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    /// <summary>The README's Markdown table: paper table → notebook → CLI command → status.</summary>
    public static string ToMarkdown(Catalog catalog, ResultStore? results = null, Profile profile = Profile.Quick, int seed = 0)
    {
        var sb = new StringBuilder("| Paper table | Notebook | CLI | Status |\n|---|---|---|---|\n");
        foreach (var (t, status) in Entries(catalog, results, profile, seed))
            sb.Append($"| {t.Paper}: {t.Title.Replace("|", "\\|", StringComparison.Ordinal)} | [{Path.GetFileName(t.Notebook)}]({t.Notebook}) | `{t.Command}` | {Describe(status)} |\n");
        return sb.ToString();
    }
}
