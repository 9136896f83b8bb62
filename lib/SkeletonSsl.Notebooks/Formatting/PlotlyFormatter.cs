using Microsoft.FSharp.Core;
using Plotly.NET;
using SkeletonSsl.Reporting;

namespace SkeletonSsl.Notebooks.Formatting;

/// <summary>
/// Plotly.NET charts as an HTML div plus the script that draws it. plotly.js itself (shipped
/// inside the Plotly.NET assembly, read by <see cref="PlotlyJs"/> as for report pages) is inlined with the first chart of a document, so charts
/// render offline; Plotly.NET's default would load it from a CDN and show nothing offline.
/// </summary>
internal static class PlotlyFormatter
{
    private static int _jsEmitted;

    /// <summary>Starts a new document: the next chart carries plotly.js again.</summary>
    public static void BeginDocument() => Interlocked.Exchange(ref _jsEmitted, 0);

    public static void WriteHtml(GenericChart chart, TextWriter w)
    {
        if (Interlocked.Exchange(ref _jsEmitted, 1) == 0)
            w.Write(PlotlyScript);
        var noReference = DisplayOptions.init(
            FSharpOption<string>.None, FSharpOption<string>.None, FSharpOption<string>.None,
            FSharpOption<Giraffe.ViewEngine.HtmlElements.XmlNode>.None,
            FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            PlotlyJSReference.NoReference);
        w.Write(GenericChart.toChartHTML(GenericChart.addDisplayOptions(noReference, chart)));
    }

    /// <summary>
    /// plotly.js as a script that always defines <c>window.Plotly</c>. Its UMD wrapper registers an AMD module instead
    /// when require.js is on the page (Jupyter's HTML export loads it), and the charts' <c>Plotly.newPlot</c> would
    /// then find nothing; hiding <c>define</c>, <c>module</c> and <c>exports</c> from it keeps the global.
    /// </summary>
    internal static string PlotlyScript =>
        $"<script type=\"text/javascript\">(function (define, module, exports) {{ {PlotlyJs.InlineScript}\n}}).call(window);</script>";

    public static void WriteText(GenericChart chart, TextWriter w) =>
        w.Write($"Plotly chart ({chart.GetType().Name}); open the HTML output to see it");
}
