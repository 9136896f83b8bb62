using System.Text.RegularExpressions;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Reporting;

/// <summary>The claims and the "(ours)" labels as every report prints them: Markdown, HTML, CSV, DataFrame, text.</summary>
public sealed class ClaimReportTests
{
    private static TableDefinition Table { get; } =
        new TableBuilder("demo", "Demo table", "paper", "description", "notebooks/AimCLR/Demo.ipynb")
            .Column("ntu60-xsub", "xsub", "ntu60", "xsub")
            .Row("base", "SkeletonCLR", [68.3], c => ExperimentSpec.Single(SkeletonClrConfig.Paper, SkeletonStream.Joint, c.Dataset!, c.Split!, "linear"))
            .Row("mine", "AimCLR (ours)", [74.3], c => ExperimentSpec.Single(AimClrConfig.Paper, SkeletonStream.Joint, c.Dataset!, c.Split!, "linear"))
            .PaperOnly("other", "Other", [60.0])
            .PaperMethod("AimCLR")
            .ClaimBetter("beats-base", "AimCLR beats SkeletonCLR", "§4.3", "mine", ["base"])
            .ClaimBetter("beats-other", "AimCLR beats Other | and more", "§4.4", "mine", ["other"])
            .Build();

    private static ComparisonTable Run(double mine, double @base, DataKind data = DataKind.Synthetic, Profile profile = Profile.Quick) =>
        ComparisonTable.Build(Table, [ComparisonTableTests.Result("mine", "ntu60-xsub", mine, data: data, profile: profile),
                                      ComparisonTableTests.Result("base", "ntu60-xsub", @base, data: data, profile: profile)]);

    [Fact]
    public void Markdown_lists_each_claim_with_both_verdicts_under_the_note_on_synthetic_data()
    {
        var md = Run(40.0, 45.0).Claims.ToMarkdown();
        Assert.Equal(
            "## The paper's claims\n\n" +
            $"> {ClaimReport.SyntheticNote}\n\n" +
            "0 of 1 claim checked hold in our run.\n\n" +
            "| Claim | Source | Paper | Ours |\n|---|---|---|---|\n" +
            "| AimCLR beats SkeletonCLR | §4.3 | holds (1/1) | fails 1 of 1: AimCLR (AimCLR paper) xsub 40.0% is not better than SkeletonCLR xsub 45.0% |\n" +
            "| AimCLR beats Other \\| and more | §4.4 | holds (1/1) | not checked: the kit does not rerun the rows it compares |\n",
            md);
    }

    [Fact]
    public void Html_marks_verdicts_and_carries_the_note()
    {
        var html = Run(50.0, 45.0).Claims.ToHtml();
        Assert.Contains($"<p class=\"note\">{System.Net.WebUtility.HtmlEncode(ClaimReport.SyntheticNote)}</p>", html);
        Assert.Contains("<td class=\"holds\">holds (1/1)</td><td class=\"holds\">holds (1/1)</td>", html);
        Assert.Contains("<td>not checked: the kit does not rerun the rows it compares</td>", html);
        Assert.Contains("1 of 1 claim checked hold in our run.", html);
        Assert.Contains("AimCLR beats SkeletonCLR", Run(50.0, 45.0).Claims.ToString());
        Assert.Equal(["Claim", "Source", "Paper", "Ours"], Run(50.0, 45.0).Claims.ToDataFrame().Columns.Select(c => c.Name));
    }

    [Fact]
    public void The_note_depends_on_the_data_and_a_table_without_results_says_so()
    {
        Assert.Equal(ClaimReport.RealNote, Run(50.0, 45.0, DataKind.Real, Profile.Paper).Claims.Note);
        Assert.Equal(ClaimReport.SyntheticNote, Run(50.0, 45.0, DataKind.Real, Profile.Quick).Claims.Note);
        var none = ComparisonTable.Build(Table, []).Claims;
        Assert.Equal(ClaimReport.SyntheticNote, none.Note);
        Assert.Equal("not measured yet", none.Results[0].OursText);
        Assert.Equal("2 claims; none checked on our results yet", none.Summary);
    }

    [Fact]
    public void Rows_labelled_ours_name_the_papers_method_in_every_rendering()
    {
        var c = Run(50.0, 45.0);
        Assert.Contains("| AimCLR (AimCLR paper) |", c.ToMarkdown());
        Assert.Contains("<td>AimCLR (AimCLR paper)</td>", c.ToHtml());
        Assert.Contains("demo,mine,AimCLR (AimCLR paper),ntu60-xsub,", c.ToCsv());
        Assert.Equal("AimCLR (AimCLR paper)", c.ToDataFrame()["Method"][1]);
        Assert.Equal("AimCLR (AimCLR paper)", c.Entry("mine", "ntu60-xsub").Label);
        Assert.DoesNotMatch(new Regex(@"\(ours\)", RegexOptions.IgnoreCase), c.ToMarkdown() + c.ToHtml() + c.ToCsv() + c.Claims.ToMarkdown());
    }

    [Fact]
    public void The_report_page_and_the_difference_colouring_follow_the_units_direction()
    {
        var table = new TableBuilder("mm", "MPJPE", "paper", "d", "n")
            .Column("mpjpe", "MPJPE", "ntu60", "xsub", MetricUnit.Millimetres)
            .Row("mine", "PCM3 (Ours)", [101.7], c => ExperimentSpec.Single(AimClrConfig.Paper, SkeletonStream.Joint, c.Dataset!, c.Split!, "linear"))
            .PaperMethod("PCM3")
            .Build();
        var lower = ComparisonTable.Build(table, [ComparisonTableTests.Result("mine", "mpjpe", 99.0) with { TableId = "mm" }]);
        Assert.Contains("<td class=\"better\" title=\"ours better than the paper&#39;s (lower is better)\">-2.7</td>", lower.ToHtml());
        Assert.Contains("<td>PCM3 (PCM3 paper)</td>", lower.ToHtml());
        var higher = ComparisonTable.Build(table, [ComparisonTableTests.Result("mine", "mpjpe", 105.0) with { TableId = "mm" }]);
        Assert.Contains("<td class=\"worse\"", higher.ToHtml());
        var page = TableReport.Build(Run(50.0, 45.0), []).ToHtml();
        Assert.Contains("<table class=\"claims\">", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ClaimReport.SyntheticNote), page);
    }
}
