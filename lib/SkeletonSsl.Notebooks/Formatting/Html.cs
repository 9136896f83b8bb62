using System.Collections;
using System.Globalization;
using System.Net;

namespace SkeletonSsl.Notebooks.Formatting;

/// <summary>Small helpers shared by the formatters: encoding and compact value text.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>
    /// A value as one short line: numbers in invariant culture (doubles to 6 significant digits),
    /// sequences as [a, b, ...] cut after <paramref name="maxItems"/> items, null as "null".
    /// </summary>
    public static string Cell(object? value, int maxItems = 8) => value switch
    {
        null => "null",
        string s => s,
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => Sequence(e, maxItems),
        _ => value.ToString() ?? "",
    };

    private static string Sequence(IEnumerable items, int maxItems)
    {
        var parts = new List<string>();
        int count = 0;
        foreach (var item in items)
        {
            if (count++ < maxItems) parts.Add(Cell(item, maxItems));
        }
        string more = count > maxItems ? $", … ({count} items)" : "";
        return "[" + string.Join(", ", parts) + more + "]";
    }

    /// <summary>Writes a table with a header row and body rows; every cell is encoded.</summary>
    public static void Table(TextWriter w, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        w.Write("<table class=\"skeletonssl\">");
        if (caption is not null) w.Write($"<caption>{Encode(caption)}</caption>");
        w.Write("<thead><tr>");
        foreach (var h in header) w.Write($"<th>{Encode(h)}</th>");
        w.Write("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            w.Write("<tr>");
            foreach (var c in row) w.Write($"<td>{Encode(c)}</td>");
            w.Write("</tr>");
        }
        w.Write("</tbody></table>");
    }

    /// <summary>Writes rows as fixed-width text columns separated by two spaces.</summary>
    public static void TextTable(TextWriter w, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, string? caption = null)
    {
        var widths = header.Select(h => h.Length).ToArray();
        foreach (var row in rows)
            for (int i = 0; i < widths.Length && i < row.Count; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        if (caption is not null) w.WriteLine(caption);
        w.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
            w.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
    }
}
