using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Reporting;

/// <summary>
/// A paper table with our results next to the paper's and the difference, as a DataFrame, Markdown,
/// CSV or an HTML table, with the derived cells computed for both sides, the text cells as printed and
/// the paper's claims checked on both (<see cref="Claims"/>). Several results for one cell (several seeds)
/// are averaged. Rows are labelled for the kit's reports (<see cref="TableDefinition.ReportLabel"/>).
/// </summary>
public sealed class ComparisonTable
{
    private readonly Func<CellAddress, double?> _ours;

    private ComparisonTable(TableDefinition table, IReadOnlyList<ComparisonEntry> entries, IReadOnlyList<ResultRow> results,
                            Func<CellAddress, double?> ours)
    {
        Table = table;
        Entries = entries;
        Results = results;
        _ours = ours;
        Claims = new ClaimReport(this);
    }

    public TableDefinition Table { get; }

    /// <summary>One entry per (row, column), rows then columns in the paper's order.</summary>
    public IReadOnlyList<ComparisonEntry> Entries { get; }

    /// <summary>The result rows it was built from (for provenance).</summary>
    public IReadOnlyList<ResultRow> Results { get; }

    /// <summary>The paper's claims checked on the paper's numbers and on ours.</summary>
    public ClaimReport Claims { get; }

    /// <summary>Our value of a numeric cell (derived cells computed from ours), or null.</summary>
    public double? Ours(CellAddress at) => _ours(at);

    /// <summary>Puts <paramref name="results"/> (rows of any table; others are ignored) next to the paper's numbers.</summary>
    public static ComparisonTable Build(TableDefinition table, IEnumerable<ResultRow> results)
    {
        var mine = results.Where(r => r.TableId == table.Id).ToList();
        var byCell = mine.GroupBy(r => (r.RowId, r.Column)).ToDictionary(g => g.Key, g => g.ToList());
        var unknown = byCell.Keys.FirstOrDefault(k => table.Rows.All(r => r.Id != k.RowId) || table.Columns.All(c => c.Id != k.Column));
        if (unknown != default) throw new ArgumentException($"result for table {table.Id} names row '{unknown.RowId}' column '{unknown.Column}', which the table does not have");
        var computedColumn = byCell.Keys.FirstOrDefault(k => table.Column(k.Column).Kind != ColumnKind.Measured);
        if (computedColumn != default)
            throw new ArgumentException($"result for table {table.Id} fills column '{computedColumn.Column}', which is {table.Column(computedColumn.Column).Kind.ToString().ToLowerInvariant()}: only measured cells have results");
        var measured = byCell.ToDictionary(p => new CellAddress(p.Key.RowId, p.Key.Column), p => (double?)p.Value.Average(v => v.Value));
        var ours = table.Values(at => measured.GetValueOrDefault(at));
        var paper = table.PaperValues();
        var entries = new List<ComparisonEntry>();
        foreach (var row in table.Rows)
        foreach (var column in table.Columns)
        {
            var at = new CellAddress(row.Id, column.Id);
            var cell = row.Cell(column.Id)!;
            var entry = new ComparisonEntry(row.Id, table.ReportLabel(row), row.Group, row.PaperOnly, column.Id, column.Header, column.Unit,
                                            column.IsNumeric ? ours(at) : null, column.IsNumeric ? paper(at) : null,
                                            byCell.GetValueOrDefault((row.Id, column.Id))?.Count ?? 0)
            {
                Kind = column.Kind,
                Text = cell.Text,
                Formula = cell.Formula?.Describe(row.Id, table.Describe),
            };
            entries.Add(entry with { PaperComputed = cell.Formula is not null && cell.Paper is null && entry.Paper is not null });
        }
        return new ComparisonTable(table, entries, mine, ours);
    }

    public ComparisonEntry Entry(string rowId, string columnId) =>
        Entries.FirstOrDefault(e => e.RowId == rowId && e.ColumnId == columnId)
        ?? throw new ArgumentException($"table {Table.Id} has no cell ({rowId}, {columnId})");

    /// <summary>A column's header in the comparison: a derived column is marked "(derived)".</summary>
    public static string HeaderOf(TableColumn column) => column.Kind == ColumnKind.Derived ? $"{column.Header} (derived)" : column.Header;

    /// <summary>
    /// Columns Row, Method (the report label), then "HEADER ours", "HEADER paper", "HEADER Δ" per numeric column
    /// (derived ones headed "HEADER (derived)") and "HEADER" per text column; null = missing.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var rows = Table.Rows;
        var frame = new DataFrame(
            new StringDataFrameColumn("Row", rows.Select(r => r.Id)),
            new StringDataFrameColumn("Method", rows.Select(Table.ReportLabel)));
        foreach (var c in Table.Columns)
        {
            var cells = rows.Select(r => Entry(r.Id, c.Id)).ToList();
            if (c.Kind == ColumnKind.Text)
            {
                frame.Columns.Add(new StringDataFrameColumn(c.Header, cells.Select(e => e.Text)));
                continue;
            }
            var header = HeaderOf(c);
            frame.Columns.Add(new DoubleDataFrameColumn($"{header} ours", cells.Select(e => e.Ours)));
            frame.Columns.Add(new DoubleDataFrameColumn($"{header} paper", cells.Select(e => e.Paper)));
            frame.Columns.Add(new DoubleDataFrameColumn($"{header} Δ", cells.Select(e => e.Difference)));
        }
        return frame;
    }

    /// <summary>
    /// A GitHub Markdown table: one line per row, ours / paper / Δ per numeric column and the text of text columns;
    /// "–" where missing, "[x]" for a derived value the kit computed from the paper's numbers. A legend follows when
    /// the table has derived columns.
    /// </summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("| Method |");
        foreach (var c in Table.Columns)
            sb.Append(c.Kind == ColumnKind.Text ? $" {Escape(c.Header)} |" : $" {Escape(HeaderOf(c))} ours | paper | Δ |");
        sb.AppendLine();
        sb.Append("|---|");
        foreach (var c in Table.Columns) sb.Append(c.Kind == ColumnKind.Text ? "---|" : "---:|---:|---:|");
        sb.AppendLine();
        foreach (var row in Table.Rows)
        {
            sb.Append($"| {Escape(Table.ReportLabel(row))}{(row.PaperOnly ? " *(paper only)*" : "")} |");
            foreach (var c in Table.Columns)
            {
                var e = Entry(row.Id, c.Id);
                if (c.Kind == ColumnKind.Text) sb.Append($" {Escape(e.Text ?? "–")} |");
                else sb.Append($" {Format(e.Ours, c.Unit)} | {PaperText(e)} | {FormatDifference(e.Difference, c.Unit)} |");
            }
            sb.AppendLine();
        }
        if (Table.Columns.Any(c => c.Kind == ColumnKind.Derived)) sb.AppendLine().AppendLine(DerivedLegend);
        return sb.ToString();
    }

    /// <summary>What the marks of derived cells mean.</summary>
    public const string DerivedLegend =
        "Δ: ours minus the paper's. (derived): computed from other cells of the table by the formula in its definition, " +
        "for the paper's numbers and for ours; [x]: the paper prints no value there, the kit computed it from the paper's numbers.";

    /// <summary>The first line of <see cref="ToCsv"/>: what tells a comparison CSV the kit wrote.</summary>
    public const string CsvHeader = "table,row,method,column,ours,paper,difference,seeds,kind,paper_source,text";

    /// <summary>First lines of comparison CSVs earlier versions of the kit wrote (still recognised as the kit's).</summary>
    public static IReadOnlyList<string> EarlierCsvHeaders { get; } = ["table,row,method,column,ours,paper,difference,seeds"];

    /// <summary>
    /// Long-form CSV (invariant culture, RFC 4180 quoting): table,row,method (the report label),column,ours,paper,difference,
    /// seeds, kind (measured, derived, text), paper_source (printed, or computed for a derived value the paper does not print) and text.
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(CsvHeader + "\n");
        foreach (var e in Entries)
        {
            var source = e.Paper is null ? "" : e.PaperComputed ? "computed" : "printed";
            sb.Append(string.Join(',', Csv(Table.Id), Csv(e.RowId), Csv(e.Label), Csv(e.ColumnId), Number(e.Ours),
                                  Number(e.Paper), Number(e.Difference), e.Seeds.ToString(CultureInfo.InvariantCulture),
                                  e.Kind.ToString().ToLowerInvariant(), source, Csv(e.Text ?? ""))).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// An HTML &lt;table&gt; with ours / paper / Δ per numeric column and the text of text columns; a Δ is green where
    /// ours is better than the paper's in the unit's direction, red where worse; derived cells carry their formula.
    /// </summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table class=\"comparison\">\n<thead><tr><th rowspan=\"2\">Method</th>");
        foreach (var c in Table.Columns)
            sb.Append(c.Kind switch
            {
                ColumnKind.Text => $"<th rowspan=\"2\" class=\"text\">{WebUtility.HtmlEncode(c.Header)}</th>",
                ColumnKind.Derived => $"<th colspan=\"3\" class=\"derived\">{WebUtility.HtmlEncode(HeaderOf(c))}</th>",
                _ => $"<th colspan=\"3\">{WebUtility.HtmlEncode(c.Header)}</th>",
            });
        sb.Append("</tr><tr>");
        foreach (var c in Table.Columns.Where(c => c.IsNumeric)) sb.Append("<th>ours</th><th>paper</th><th>Δ</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        int span = 1 + Table.Columns.Sum(c => c.IsNumeric ? 3 : 1);
        string? group = null;
        foreach (var row in Table.Rows)
        {
            if (row.Group is { } g && g != group)
                sb.Append($"<tr class=\"group\"><td colspan=\"{span}\">{WebUtility.HtmlEncode(g)}</td></tr>\n");
            group = row.Group;
            var title = row.Note is null ? "" : $" title=\"{WebUtility.HtmlEncode(row.Note)}\"";
            sb.Append($"<tr{(row.PaperOnly ? " class=\"paper-only\"" : "")}><td{title}>{WebUtility.HtmlEncode(Table.ReportLabel(row))}</td>");
            foreach (var c in Table.Columns)
            {
                var e = Entry(row.Id, c.Id);
                if (c.Kind == ColumnKind.Text)
                {
                    sb.Append($"<td class=\"text\">{WebUtility.HtmlEncode(e.Text ?? "–")}</td>");
                    continue;
                }
                var derived = e.Formula is null ? "" : $" class=\"derived\" title=\"derived: {WebUtility.HtmlEncode(e.Formula)}\"";
                var paper = e.PaperComputed
                    ? $"<td class=\"derived computed\" title=\"{WebUtility.HtmlEncode(ComputedHint)}\">{PaperText(e)}</td>"
                    : $"<td{derived}>{PaperText(e)}</td>";
                var (cls, word) = e.OursBetter switch
                {
                    true => (" class=\"better\"", "ours better than the paper's"),
                    false => (" class=\"worse\"", "ours worse than the paper's"),
                    _ => ("", null),
                };
                var hint = word is null ? "" : $" title=\"{WebUtility.HtmlEncode($"{word} ({(c.Unit.Direction == MetricDirection.LowerIsBetter ? "lower" : "higher")} is better)")}\"";
                sb.Append($"<td{derived}>{Format(e.Ours, c.Unit)}</td>{paper}<td{cls}{hint}>{FormatDifference(e.Difference, c.Unit)}</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>");
        if (Table.Columns.Any(c => c.Kind == ColumnKind.Derived))
            sb.Append("\n<p class=\"legend\">").Append(WebUtility.HtmlEncode(DerivedLegend)).Append("</p>");
        return sb.ToString();
    }

    private const string ComputedHint = "computed from the paper's numbers; the paper prints none";

    public static string Format(double? value, MetricUnit unit) => unit.Format(value);

    public static string FormatDifference(double? value, MetricUnit unit) => unit.FormatDifference(value);

    private static string PaperText(ComparisonEntry e) => e.PaperComputed ? $"[{Format(e.Paper, e.Unit)}]" : Format(e.Paper, e.Unit);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
