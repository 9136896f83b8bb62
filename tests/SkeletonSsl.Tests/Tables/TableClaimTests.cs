using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Tables;

/// <summary>The paper's claims as orderings: checked on the paper's numbers (where they must hold) and on ours.</summary>
public sealed class TableClaimTests
{
    public static TheoryData<string> TableIds => [.. Catalog.Default.Tables.Keys.Order()];

    private static ExperimentSpec Linear(MethodConfig method, TableColumn c) =>
        ExperimentSpec.Single(method, SkeletonStream.Joint, c.Dataset!, c.Split!, "linear");

    /// <summary>An ablation: base &lt; step &lt; full on two splits, a paper-only row, and an error column where lower is better.</summary>
    private static TableBuilder Ablation() =>
        new TableBuilder("abl", "Ablation", "paper", "d", "notebooks/AimCLR/Abl.ipynb")
            .Column("xsub", "xsub", "ntu60", "xsub")
            .Column("xview", "xview", "ntu60", "xview")
            .Column("err", "MPJPE", "ntu60", "xsub", MetricUnit.Millimetres)
            .Row("base", "Base", [70.0, 75.0, 110.0], c => Linear(SkeletonClrConfig.Paper, c))
            .Row("step", "Step", [72.0, 75.0, 105.0], c => Linear(AimClrConfig.Paper with { MiningEpoch = SkeletonSsl.Methods.AimClrSettings.Never }, c))
            .Row("full", "Full (ours)", [74.0, 78.0, 101.7], c => Linear(AimClrConfig.Paper, c))
            .PaperOnly("other", "Other", [60.0, null, 150.0]);

    private static ResultRow Result(string row, string column, double value) =>
        Reporting.ComparisonTableTests.Result(row, column, value) with { TableId = "abl" };

    [Fact]
    public void An_ordering_claim_holds_where_each_row_beats_the_one_before_and_fails_where_one_does_not()
    {
        var table = Ablation()
            .ClaimOrder("steps", "each step adds accuracy", "§1", ["base", "step", "full"], ["xsub"])
            .Build();
        table.Validate(Catalog.Default);
        var claim = table.Claim("steps");
        Assert.Equal(2, claim.Comparisons.Count);
        Assert.Equal(ClaimVerdict.Holds, table.CheckOnPaper(claim).Verdict);

        var holds = ComparisonTable.Build(table, [Result("base", "xsub", 40), Result("step", "xsub", 45), Result("full", "xsub", 50)]);
        Assert.Equal(ClaimVerdict.Holds, holds.Claims.Results[0].Ours.Verdict);
        Assert.Equal("holds (2/2)", holds.Claims.Results[0].OursText);

        var fails = ComparisonTable.Build(table, [Result("base", "xsub", 40), Result("step", "xsub", 52), Result("full", "xsub", 50)]);
        var outcome = fails.Claims.Results[0].Ours;
        Assert.Equal(ClaimVerdict.Fails, outcome.Verdict);
        Assert.Equal([ClaimComparison.Of("full", "step", "xsub")], outcome.Failures);
        Assert.Equal("fails 1 of 2: Full (the paper's method) xsub 50.0% is not better than Step xsub 52.0%", fails.Claims.Results[0].OursText);

        var partial = ComparisonTable.Build(table, [Result("base", "xsub", 40), Result("step", "xsub", 45)]);
        Assert.Equal(ClaimVerdict.Holds, partial.Claims.Results[0].Ours.Verdict);
        Assert.Equal("holds (1/1); 1 more comparison unchecked (not measured)", partial.Claims.Results[0].OursText);
    }

    [Fact]
    public void Better_follows_the_columns_direction()
    {
        var table = Ablation().ClaimBetter("lowest-error", "full predicts motion best", "§2", "full", ["base", "other"], ["err"]).Build();
        table.Validate(Catalog.Default); // 101.7 mm < 110.0 and 150.0
        var c = ComparisonTable.Build(table, [Result("full", "err", 120.0), Result("base", "err", 115.0)]);
        var result = c.Claims.Results[0];
        Assert.Equal(ClaimVerdict.Fails, result.Ours.Verdict);
        Assert.Contains("120.0 mm is not better than Base MPJPE 115.0 mm", result.OursText);
        Assert.Contains("1 more comparison unchecked (rows the kit does not rerun)", result.OursText);
        var lower = ComparisonTable.Build(table, [Result("full", "err", 100.0), Result("base", "err", 115.0)]);
        Assert.Equal(ClaimVerdict.Holds, lower.Claims.Results[0].Ours.Verdict);
    }

    [Fact]
    public void A_tie_satisfies_only_an_at_least_as_good_claim()
    {
        var strict = Ablation().ClaimBetter("x", "step beats base on xview", "§3", "step", ["base"], ["xview"]).Build();
        Assert.Contains("does not hold on the paper's numbers: Step xview 75 is not better than Base xview 75",
                        Assert.Throws<ArgumentException>(() => strict.Validate(Catalog.Default)).Message);
        Ablation().ClaimBetter("x", "step at least as good", "§3", "step", ["base"], ["xview"], allowTies: true).Build().Validate(Catalog.Default);
    }

    [Fact]
    public void A_claim_the_papers_numbers_contradict_is_rejected_as_a_copying_error()
    {
        var table = Ablation().ClaimOrder("steps", "each step adds accuracy", "§1", ["full", "step"]).Build();
        var e = Assert.Throws<ArgumentException>(() => table.Validate(Catalog.Default));
        Assert.Contains("table abl claim steps: does not hold on the paper's numbers", e.Message);
    }

    [Fact]
    public void Comparisons_with_a_dash_in_the_paper_drop_out_and_a_claim_on_none_is_rejected()
    {
        var table = Ablation().ClaimBetter("full-beats-other", "full beats other", "§4", "full", ["other"], ["xsub", "xview"]).Build();
        table.Validate(Catalog.Default);
        Assert.Equal(1, table.CheckOnPaper(table.Claim("full-beats-other")).Checked); // xview: the paper prints "-" for other
        var none = Ablation().ClaimBetter("n", "n", "§4", "full", ["other"], ["xview"]).Build();
        Assert.Contains("prints none of the numbers", Assert.Throws<ArgumentException>(() => none.Validate(Catalog.Default)).Message);
        var c = ComparisonTable.Build(table, [Result("full", "xsub", 50)]);
        Assert.Equal("not checked: the kit does not rerun the rows it compares", c.Claims.Results[0].OursText);
    }

    [Fact]
    public void Claims_must_compare_numeric_cells_of_one_directed_unit()
    {
        Assert.Contains("one unit", Assert.Throws<ArgumentException>(() => Ablation()
            .Claim("u", "u", "§", [new ClaimComparison(new("full", "xsub"), new("full", "err"))]).Build().Validate(Catalog.Default)).Message);
        Assert.Contains("does not have", Assert.Throws<ArgumentException>(() => Ablation()
            .ClaimBetter("u", "u", "§", "full", ["nope"]).Build().Validate(Catalog.Default)).Message);
        Assert.Contains("holds text", Assert.Throws<ArgumentException>(() =>
            new TableBuilder("t", "T", "p", "d", "n").Column("xsub", "xsub", "ntu60", "xsub").TextColumn("enc", "Encoder")
                .PaperOnly("a", "A", [2.0]).PaperOnly("b", "B", [1.0]).Text("a", "enc", "GRU").Text("b", "enc", "GCN")
                .ClaimBetter("u", "u", "§", "a", ["b"], ["enc"]).Build().Validate(Catalog.Default)).Message);
        Assert.Contains("has no better or worse", Assert.Throws<ArgumentException>(() =>
            new TableBuilder("c", "C", "p", "d", "n").Column("n", "N", "ntu60", "xsub", MetricUnit.Count).PaperOnly("a", "A", [2]).PaperOnly("b", "B", [1])
                .ClaimBetter("u", "u", "§", "a", ["b"]).Build().Validate(Catalog.Default)).Message);
        Assert.Contains("claim id 'x' is used twice", Assert.Throws<ArgumentException>(() => Ablation()
            .ClaimOrder("x", "x", "§", ["base", "full"]).ClaimOrder("x", "x", "§", ["base", "full"]).Build().Validate(Catalog.Default)).Message);
    }

    [Fact]
    public void A_figure_claim_is_checked_on_ours_only_and_may_not_name_printed_numbers()
    {
        var table = new TableBuilder("fig", "Fig", "p", "d", "n").Column("xsub", "xsub", "ntu60", "xsub")
            .Row("a", "A", [null], c => Linear(AimClrConfig.Paper, c)).Row("b", "B", [null], c => Linear(SkeletonClrConfig.Paper, c))
            .ClaimBetter("bars", "A beats B in the bars", "Fig. 3", "a", ["b"], evidence: ClaimEvidence.Figure).Build();
        table.Validate(Catalog.Default);
        var c = ComparisonTable.Build(table, [Reporting.ComparisonTableTests.Result("a", "xsub", 60) with { TableId = "fig" },
                                              Reporting.ComparisonTableTests.Result("b", "xsub", 55) with { TableId = "fig" }]);
        Assert.Equal("shown in a figure; the paper prints no numbers", c.Claims.Results[0].PaperText);
        Assert.Equal(ClaimVerdict.Holds, c.Claims.Results[0].Ours.Verdict);
        Assert.Contains("make it a claim on the numbers", Assert.Throws<ArgumentException>(() => Ablation()
            .ClaimBetter("f", "f", "Fig.", "full", ["base"], evidence: ClaimEvidence.Figure).Build().Validate(Catalog.Default)).Message);
    }

    [Theory]
    [MemberData(nameof(TableIds))]
    public void Every_catalog_table_states_claims_and_each_holds_on_the_papers_numbers(string id)
    {
        var table = Catalog.Default.Table(id);
        Assert.NotEmpty(table.Claims);
        Assert.All(table.Claims, claim =>
        {
            var outcome = table.CheckOnPaper(claim);
            if (claim.Evidence == ClaimEvidence.Figure) Assert.Equal(ClaimVerdict.NotMeasured, outcome.Verdict);
            else
            {
                Assert.True(outcome.Verdict == ClaimVerdict.Holds, $"{id} claim {claim.Id}: {outcome.Failures.Count} comparisons fail on the paper's numbers");
                Assert.Equal(0, outcome.Missing);
            }
            Assert.False(string.IsNullOrWhiteSpace(claim.Source));
        });
    }

    [Theory]
    [MemberData(nameof(TableIds))]
    public void Every_catalog_table_has_a_claim_our_runs_can_check_or_says_why_not(string id)
    {
        var table = Catalog.Default.Table(id);
        var paper = table.PaperValues();
        bool Rerun(CellAddress at) => !table.Row(at.RowId).PaperOnly;
        var checkable = table.Claims.Where(c => c.Checked(paper).Any(x => Rerun(x.Better) && Rerun(x.Worse))).ToList();
        // Tables 5 and 6 compare 3s-AimCLR with other groups' methods only, except Table 5's part I / part II ordering;
        // PCM3 Table 3 compares PCM3's retrieval with other groups' methods only.
        if (id is "aimclr-table6" or "pcm3-table3") Assert.Empty(checkable);
        else Assert.NotEmpty(checkable);
    }
}
