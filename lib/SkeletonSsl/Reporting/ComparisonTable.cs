using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Reporting;

/// <summary>
/// A paper table with our results next to the paper's and the difference, as a DataFrame, Markdown,
/// CSV or an HTML table. Several results for one cell (several seeds) are averaged.
/// </summary>
public sealed class ComparisonTable
{
    private ComparisonTable(TableDefinition table, IReadOnlyList<ComparisonEntry> entries, IReadOnlyList<ResultRow> results)
    {
        Table = table;
        Entries = entries;
        Results = results;
    }

    public TableDefinition Table { get; }

    /// <summary>One entry per (row, column), rows then columns in the paper's order.</summary>
    public IReadOnlyList<ComparisonEntry> Entries { get; }

    /// <summary>The result rows it was built from (for provenance).</summary>
    public IReadOnlyList<ResultRow> Results { get; }

    /// <summary>Puts <paramref name="results"/> (rows of any table; others are ignored) next to the paper's numbers.</summary>
    public static ComparisonTable Build(TableDefinition table, IEnumerable<ResultRow> results)
    {
        var mine = results.Where(r => r.TableId == table.Id).ToList();
        var byCell = mine.GroupBy(r => (r.RowId, r.Column)).ToDictionary(g => g.Key, g => g.ToList());
        var unknown = byCell.Keys.FirstOrDefault(k => table.Rows.All(r => r.Id != k.RowId) || table.Columns.All(c => c.Id != k.Column));
        if (unknown != default) throw new ArgumentException($"result for table {table.Id} names row '{unknown.RowId}' column '{unknown.Column}', which the table does not have");
        var entries = new List<ComparisonEntry>();
        foreach (var row in table.Rows)
        foreach (var column in table.Columns)
        {
            var cell = row.Cell(column.Id);
            var values = byCell.GetValueOrDefault((row.Id, column.Id));
            double? ours = values is { Count: > 0 } ? values.Average(v => v.Value) : null;
            entries.Add(new ComparisonEntry(row.Id, row.Label, row.Group, row.PaperOnly, column.Id, column.Header, column.Unit,
                                            ours, cell?.Paper, values?.Count ?? 0));
        }
        return new ComparisonTable(table, entries, mine);
    }

    public ComparisonEntry Entry(string rowId, string columnId) =>
        Entries.FirstOrDefault(e => e.RowId == rowId && e.ColumnId == columnId)
        ?? throw new ArgumentException($"table {Table.Id} has no cell ({rowId}, {columnId})");

    /// <summary>Columns Row, Method, then "HEADER ours", "HEADER paper", "HEADER Δ" per table column; null = missing.</summary>
    public DataFrame ToDataFrame()
    {
        var rows = Table.Rows;
        var frame = new DataFrame(
            new StringDataFrameColumn("Row", rows.Select(r => r.Id)),
            new StringDataFrameColumn("Method", rows.Select(r => r.Label)));
        foreach (var c in Table.Columns)
        {
            var cells = rows.Select(r => Entry(r.Id, c.Id)).ToList();
            frame.Columns.Add(new DoubleDataFrameColumn($"{c.Header} ours", cells.Select(e => e.Ours)));
            frame.Columns.Add(new DoubleDataFrameColumn($"{c.Header} paper", cells.Select(e => e.Paper)));
            frame.Columns.Add(new DoubleDataFrameColumn($"{c.Header} Δ", cells.Select(e => e.Difference)));
        }
        return frame;
    }

    /// <summary>A GitHub Markdown table: one line per row, ours / paper / Δ per column; "–" where missing.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("| Method |");
        foreach (var c in Table.Columns) sb.Append($" {Escape(c.Header)} ours | paper | Δ |");
        sb.AppendLine();
        sb.Append("|---|");
        foreach (var _ in Table.Columns) sb.Append("---:|---:|---:|");
        sb.AppendLine();
        foreach (var row in Table.Rows)
        {
            sb.Append($"| {Escape(row.Label)}{(row.PaperOnly ? " *(paper only)*" : "")} |");
            foreach (var c in Table.Columns)
            {
                var e = Entry(row.Id, c.Id);
                sb.Append($" {Format(e.Ours, c.Unit)} | {Format(e.Paper, c.Unit)} | {FormatDifference(e.Difference, c.Unit)} |");
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>Long-form CSV: table,row,method,column,ours,paper,difference,seeds (invariant culture, RFC 4180 quoting).</summary>
    /// <summary>The first line of <see cref="ToCsv"/>: what tells a comparison CSV the kit wrote.</summary>
    public const string CsvHeader = "table,row,method,column,ours,paper,difference,seeds";

    public string ToCsv()
    {
        var sb = new StringBuilder(CsvHeader + "\n");
        foreach (var e in Entries)
            sb.Append(string.Join(',', Csv(Table.Id), Csv(e.RowId), Csv(e.Label), Csv(e.ColumnId), Number(e.Ours),
                                  Number(e.Paper), Number(e.Difference), e.Seeds.ToString(CultureInfo.InvariantCulture))).Append('\n');
        return sb.ToString();
    }

    /// <summary>An HTML &lt;table&gt; with ours / paper / Δ per column; positive Δ green, negative red.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table class=\"comparison\">\n<thead><tr><th rowspan=\"2\">Method</th>");
        foreach (var c in Table.Columns) sb.Append($"<th colspan=\"3\">{WebUtility.HtmlEncode(c.Header)}</th>");
        sb.Append("</tr><tr>");
        foreach (var _ in Table.Columns) sb.Append("<th>ours</th><th>paper</th><th>Δ</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        string? group = null;
        foreach (var row in Table.Rows)
        {
            if (row.Group is { } g && g != group)
                sb.Append($"<tr class=\"group\"><td colspan=\"{1 + 3 * Table.Columns.Count}\">{WebUtility.HtmlEncode(g)}</td></tr>\n");
            group = row.Group;
            var title = row.Note is null ? "" : $" title=\"{WebUtility.HtmlEncode(row.Note)}\"";
            sb.Append($"<tr{(row.PaperOnly ? " class=\"paper-only\"" : "")}><td{title}>{WebUtility.HtmlEncode(row.Label)}</td>");
            foreach (var c in Table.Columns)
            {
                var e = Entry(row.Id, c.Id);
                var sign = e.Difference switch { > 0 => " class=\"up\"", < 0 => " class=\"down\"", _ => "" };
                sb.Append($"<td>{Format(e.Ours, c.Unit)}</td><td>{Format(e.Paper, c.Unit)}</td><td{sign}>{FormatDifference(e.Difference, c.Unit)}</td>");
            }
            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table>").ToString();
    }

    public static string Format(double? value, MetricUnit unit) =>
        value is { } v ? v.ToString(unit == MetricUnit.Percent ? "F1" : "F4", CultureInfo.InvariantCulture) : "–";

    public static string FormatDifference(double? value, MetricUnit unit) =>
        value is { } v ? (v >= 0 ? "+" : "") + v.ToString(unit == MetricUnit.Percent ? "F1" : "F4", CultureInfo.InvariantCulture) : "–";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
