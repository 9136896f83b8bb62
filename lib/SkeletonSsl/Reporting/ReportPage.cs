using SkeletonSsl.Data.Formats;
using System.Net;
using System.Text;
using Plotly.NET;

namespace SkeletonSsl.Reporting;

/// <summary>
/// A self-contained HTML report: a title, an optional warning banner, sections of text, tables and
/// Plotly charts. plotly.js is inlined once in the head (<see cref="PlotlyJs"/>), so the page renders
/// offline and charts add only their data.
/// </summary>
public sealed class ReportPage(string title)
{
    private readonly StringBuilder _body = new();
    private string? _banner;

    public string Title { get; } = title;

    /// <summary>Shows a warning banner under the title (e.g. synthetic data, reduced models).</summary>
    public ReportPage Banner(string text)
    {
        _banner = text;
        return this;
    }

    public ReportPage Heading(string text)
    {
        _body.Append("<h2>").Append(WebUtility.HtmlEncode(text)).Append("</h2>\n");
        return this;
    }

    public ReportPage Paragraph(string text)
    {
        _body.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Appends trusted HTML (a table built by the kit).</summary>
    public ReportPage Html(string html)
    {
        _body.Append(html).Append('\n');
        return this;
    }

    /// <summary>Appends a two-column key/value table.</summary>
    public ReportPage Facts(IEnumerable<(string Key, string Value)> facts)
    {
        _body.Append("<table class=\"facts\">\n");
        foreach (var (k, v) in facts)
            _body.Append($"<tr><th>{WebUtility.HtmlEncode(k)}</th><td>{WebUtility.HtmlEncode(v)}</td></tr>\n");
        _body.Append("</table>\n");
        return this;
    }

    public ReportPage Chart(GenericChart chart)
    {
        _body.Append("<div class=\"figure\">").Append(Charts.ToHtmlFragment(chart)).Append("</div>\n");
        return this;
    }

    /// <summary>The whole page.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append(GeneratorTag).Append('\n')
          .Append("<title>").Append(WebUtility.HtmlEncode(Title)).Append("</title>\n")
          .Append("<style>\n").Append(Style).Append("</style>\n")
          .Append($"<script type=\"text/javascript\">/* plotly.js {PlotlyJs.Version}, inlined */\n")
          .Append(PlotlyJs.InlineScript)
          .Append("\n</script>\n</head>\n<body>\n")
          .Append("<h1>").Append(WebUtility.HtmlEncode(Title)).Append("</h1>\n");
        if (_banner is not null) sb.Append("<div class=\"banner\">").Append(WebUtility.HtmlEncode(_banner)).Append("</div>\n");
        return sb.Append(_body).Append("</body>\n</html>\n").ToString();
    }

    // Marks the page as the kit's, so that writing a page again may replace it while a user's HTML is refused.
    private const string GeneratorTag = "<meta name=\"generator\" content=\"SkeletonSsl\">";

    /// <summary>Whether a file is a page this kit wrote (its head carries the kit's generator tag).</summary>
    public static bool IsKitPage(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var head = new char[512];
            int n = reader.ReadBlock(head, 0, head.Length);
            return new string(head, 0, n).Contains(GeneratorTag, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes the page atomically.</summary>
    public void Save(string path)
    {
        AtomicFile.WriteAllText(path, ToHtml());
    }

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
        .banner { background: #fff3cd; border: 1px solid #e0b400; padding: 0.8em 1em; margin: 1em 0; font-weight: 600; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; }
        td:first-child, .facts th { text-align: left; }
        tr.group td { font-style: italic; background: #f4f4f4; text-align: left; }
        tr.paper-only td { color: #777; }
        td.better, td.holds { color: #1a7f37; } td.worse, td.fails { color: #c62828; }
        td.derived, th.derived { font-style: italic; } td.computed { color: #555; } th.text, td.text { text-align: left; }
        table.claims td { text-align: left; } .note { font-weight: 600; } .legend { font-size: 0.85em; color: #555; }
        .figure { margin: 1em 0; }
        """;
}
