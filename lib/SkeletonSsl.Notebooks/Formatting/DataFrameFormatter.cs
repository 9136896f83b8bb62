using Microsoft.Data.Analysis;

namespace SkeletonSsl.Notebooks.Formatting;

/// <summary>
/// Microsoft.Data.Analysis DataFrame as an HTML table (and aligned text): the first
/// <see cref="MaxRows"/> rows, with the full size in the caption.
/// </summary>
internal static class DataFrameFormatter
{
    public const int MaxRows = 50;

    public static void WriteHtml(DataFrame frame, TextWriter w)
    {
        var (header, rows) = Cells(frame);
        Html.Table(w, header, rows, Caption(frame));
    }

    public static void WriteText(DataFrame frame, TextWriter w)
    {
        var (header, rows) = Cells(frame);
        Html.TextTable(w, header, rows, Caption(frame));
    }

    private static string Caption(DataFrame frame)
    {
        long rows = frame.Rows.Count;
        string shown = rows > MaxRows ? $", first {MaxRows} shown" : "";
        return $"DataFrame: {rows} rows × {frame.Columns.Count} columns{shown}";
    }

    private static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Cells(DataFrame frame)
    {
        var header = frame.Columns.Select(c => c.Name).ToArray();
        long n = Math.Min(frame.Rows.Count, MaxRows);
        var rows = new List<IReadOnlyList<string>>((int)n);
        for (long r = 0; r < n; r++)
            rows.Add(frame.Columns.Select(c => Html.Cell(c[r])).ToArray());
        return (header, rows);
    }
}
