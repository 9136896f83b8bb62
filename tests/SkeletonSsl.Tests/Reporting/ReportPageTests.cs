using System.Text.RegularExpressions;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Reporting;

public sealed class ReportPageTests
{
    private static string Page(params ResultRow[] results)
    {
        var comparison = ComparisonTable.Build(ComparisonTableTests.Small, results);
        IReadOnlyList<ExperimentRecord> records = [];
        return WithoutPlotlyJs(TableReport.Build(comparison, records).ToHtml());
    }

    /// <summary>The page without the inlined bundle (fails when the bundle is absent), so assertions search kilobytes, not megabytes.</summary>
    private static string WithoutPlotlyJs(string html)
    {
        var at = html.IndexOf(PlotlyJs.InlineScript, StringComparison.Ordinal);
        Assert.True(at > 0, "plotly.js is inlined");
        return html.Remove(at, PlotlyJs.InlineScript.Length);
    }

    [Fact]
    public void Plotly_js_is_inlined_exactly_once_and_nothing_is_loaded_from_a_cdn()
    {
        var comparison = ComparisonTable.Build(ComparisonTableTests.Small, [ComparisonTableTests.Result("ours", "ntu60-xsub", 72.5)]);
        var html = TableReport.Build(comparison, []).ToHtml();
        Assert.True(PlotlyJs.Script.Length > 1_000_000, "the full plotly.min.js bundle");
        var rest = WithoutPlotlyJs(html);
        Assert.Equal(-1, rest.IndexOf(PlotlyJs.Script[..2000], StringComparison.Ordinal)); // not a second time
        Assert.DoesNotMatch("<script[^>]*\\bsrc\\s*=", rest);
        Assert.DoesNotContain("cdn.plot.ly", rest);
        Assert.DoesNotContain("require.js", rest);
        Assert.Contains("Plotly.newPlot", rest);
        Assert.StartsWith("2.", PlotlyJs.Version);
    }

    [Fact]
    public void Synthetic_or_reduced_results_get_the_banner_and_paper_scale_real_results_do_not()
    {
        Assert.Contains("Synthetic data and reduced models", Page(ComparisonTableTests.Result("ours", "ntu60-xsub", 72.5)));
        Assert.Contains("Synthetic data and reduced models",
                        Page(ComparisonTableTests.Result("ours", "ntu60-xsub", 72.5, data: DataKind.Real, profile: Profile.Quick)));
        Assert.DoesNotContain("class=\"banner\"",
                              Page(ComparisonTableTests.Result("ours", "ntu60-xsub", 72.5, data: DataKind.Real, profile: Profile.Paper)));
        Assert.Contains("No results yet", Page());
    }

    [Fact]
    public void The_page_holds_the_comparison_the_provenance_and_the_figures()
    {
        var comparison = ComparisonTable.Build(ComparisonTableTests.Small, [ComparisonTableTests.Result("ours", "ntu60-xsub", 72.5)]);
        var spec = ComparisonTableTests.Small.Row("ours").Cells[0].Spec!;
        var record = new ExperimentRecord(spec, spec.Hash, Profile.Quick, 0, DataKind.Synthetic,
            new Dictionary<string, double> { ["top1"] = 72.5 },
            [new ScatterData("t-SNE of 3s-AimCLR", [0.0, 1.0], [1.0, 0.0], ["wave", "kick"]),
             new HeatmapData("Confusion", ["wave", "kick"], ["wave", "kick"], [[9.0, 1.0], [2.0, 8.0]])],
            [new CurveSeries("aimclr joint", [1.0, 2.0], [5.0, 4.0])], Provenance.Capture("cpu"), 1.0);
        var html = WithoutPlotlyJs(TableReport.Build(comparison, [record]).ToHtml());
        Assert.Contains("<table class=\"comparison\">", html);
        Assert.Contains("<td class=\"better\" title=\"ours better than the paper&#39;s (higher is better)\">+2.5</td>", html);
        Assert.Contains("The paper&#39;s claims", html);
        Assert.Contains("AimCLR, joint, NTU-60 xsub, linear evaluation: t-SNE of 3s-AimCLR", html);
        Assert.DoesNotContain("aimclr joint", html);                          // the loss curve is named by its run
        Assert.Contains("Pre-training loss per epoch", html);
        Assert.Contains("0.107.0", html);
        Assert.Equal(1 + 1 + 2 + 1, Regex.Matches(html, "Plotly.newPlot").Count); // one bar chart per measured column (xsub, xview), two figures, one loss
    }

    [Fact]
    public void Saving_writes_the_page_atomically()
    {
        var dir = Directory.CreateTempSubdirectory("skeletonssl-report-").FullName;
        try
        {
            var path = Path.Combine(dir, "sub", "page.html");
            new ReportPage("T").Paragraph("a < b").Save(path);
            Assert.Contains("<p>a &lt; b</p>", File.ReadAllText(path));
            Assert.Equal([path], Directory.GetFiles(Path.Combine(dir, "sub")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
