using System.Text;
using Microsoft.FSharp.Core;
using Plotly.NET;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Reporting.Figures;

/// <summary>
/// Self-contained HTML pages of Plotly.NET charts that render offline: plotly.js (embedded in the
/// Plotly.NET assembly) is inlined once per page instead of Plotly.NET's default CDN reference.
/// A chart with a frame slider also gets Play / Pause buttons that step the slider.
/// </summary>
public static class OfflineHtml
{
    private static readonly Lazy<string> PlotlyJs = new(ReadPlotlyJs);

    /// <summary>The page's HTML: one inlined plotly.js, then each chart.</summary>
    public static string Page(string title, IEnumerable<GenericChart> charts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(System.Net.WebUtility.HtmlEncode(title))
            .Append("</title>\n<script type=\"text/javascript\">").Append(PlotlyJs.Value).Append("</script>\n")
            .Append("<style>body{font-family:sans-serif;margin:16px}button{margin-right:6px}</style></head><body>\n");
        var noReference = DisplayOptions.init(
            FSharpOption<string>.None, FSharpOption<string>.None, FSharpOption<string>.None,
            FSharpOption<Giraffe.ViewEngine.HtmlElements.XmlNode>.None,
            FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            PlotlyJSReference.NoReference);
        foreach (var chart in charts)
        {
            html.Append("<div><button onclick=\"skeletonPlay(this, 1)\">Play</button><button onclick=\"skeletonPlay(this, 0)\">Pause</button></div>\n");
            html.Append(GenericChart.toChartHTML(GenericChart.addDisplayOptions(noReference, chart))).Append('\n');
        }
        html.Append(PlayScript).Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>Writes the page atomically (a temporary file moved into place).</summary>
    public static void Write(string path, string title, params GenericChart[] charts)
    {
        string page = Page(title, charts);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write(page);
        });
    }

    /// <summary>Steps a chart's first slider, restyling as the slider's own steps do.</summary>
    private const string PlayScript = """
        <script type="text/javascript">
        function skeletonPlay(button, on) {
          var gd = button.parentElement.nextElementSibling.querySelector('.js-plotly-plot');
          if (!gd || !gd.layout.sliders || !gd.layout.sliders.length) return;
          clearInterval(gd._skeletonTimer);
          if (!on) return;
          gd._skeletonTimer = setInterval(function () {
            var s = gd.layout.sliders[0], next = ((s.active || 0) + 1) % s.steps.length;
            Plotly.restyle(gd, s.steps[next].args[0]);
            Plotly.relayout(gd, { 'sliders[0].active': next });
          }, 80);
        }
        </script>
        """;

    private static string ReadPlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        string name = assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"plotly.js is not embedded in {assembly.GetName().Name} {assembly.GetName().Version}");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
