using System.Globalization;
using SkeletonSsl.Experiments;
using SkeletonSsl.Notebooks.Formatting;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Notebooks.Display;

/// <summary>
/// One state of a notebook's table-run display: the live rows of the latest report
/// (<see cref="TableProgressText.Rows"/>: the table's bar, the run's epoch and step bars, the evaluation's bar)
/// above the milestone lines so far (experiments reused and finished with their metric, each epoch).
/// </summary>
public sealed class TableProgressView(IReadOnlyList<TableProgressRow> rows, IReadOnlyList<string> lines)
{
    public IReadOnlyList<TableProgressRow> Rows { get; } = rows;
    public IReadOnlyList<string> Lines { get; } = lines;

    /// <summary>Plain text (exports, clients that show only text): the rows with their percentage, then the lines.</summary>
    public override string ToString() => string.Join("\n",
        Rows.Select(r => $"{r.Label}{(r.Fraction is { } f ? $" [{(100 * f).ToString("0", CultureInfo.InvariantCulture),3}%]" : "")} {r.Text}")
            .Concat(Lines));

    /// <summary>The HTML a kernel shows and updates in place: a progress bar per row, the milestone lines folded below.</summary>
    public string ToHtml()
    {
        var html = new System.Text.StringBuilder("<div class=\"skeletonssl-table-progress\">");
        foreach (var r in Rows)
        {
            string indent = r.Part is "table" or "experiment" ? "" : "padding-left:1.5em;";
            string label = r.Part is "table" or "experiment" ? $"<b>{Html.Encode(r.Label)}</b>" : Html.Encode(r.Label);
            string bar = r.Fraction is { } f
                ? $"<progress value=\"{Math.Clamp(f, 0, 1).ToString("0.###", CultureInfo.InvariantCulture)}\" max=\"1\" style=\"width:12em\"></progress> "
                : "";
            html.Append($"<div style=\"{indent}white-space:nowrap\">{label} {bar}<span>{Html.Encode(r.Text)}</span></div>");
        }
        if (Lines.Count > 0)
            html.Append($"<details><summary>{Lines.Count} milestone{(Lines.Count == 1 ? "" : "s")}: {Html.Encode(Lines[^1].Trim())}</summary>")
                .Append($"<pre style=\"margin:0\">{Html.Encode(string.Join("\n", Lines))}</pre></details>");
        return html.Append("</div>").ToString();
    }
}
