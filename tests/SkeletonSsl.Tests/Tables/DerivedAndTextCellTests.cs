using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;
using static SkeletonSsl.Tables.CellFormula;

namespace SkeletonSsl.Tests.Tables;

/// <summary>Derived cells (computed from others, for the paper and for us), text columns and per-column metrics.</summary>
public sealed class DerivedAndTextCellTests
{
    private static ExperimentSpec Linear(MethodConfig method, TableColumn c) =>
        ExperimentSpec.Single(method, SkeletonStream.Joint, c.Dataset!, c.Split!, "linear");

    /// <summary>Two methods, a clean and an occluded column, the drop between them and a gain over the other row.</summary>
    private static TableBuilder Occlusion(double? printedDrop = 5.0) =>
        new TableBuilder("occ", "Occlusion", "paper", "d", "notebooks/AimCLR/Occ.ipynb")
            .Column("clean", "clean", "ntu60", "xsub")
            .Column("occluded", "occluded", "ntu60", "xview")
            .DerivedColumn("drop", "Δ↓", MetricUnit.PercentagePoints.Reversed)
            .DerivedColumn("gain", "gain", MetricUnit.PercentagePoints)
            .TextColumn("encoder", "Encoder")
            .Row("base", "SkeletonCLR", [75.0, 70.0], c => Linear(SkeletonClrConfig.Paper, c))
            .Row("mine", "AimCLR (ours)", [79.0, 76.0], c => Linear(AimClrConfig.Paper, c))
            .Derive("base", "drop", Cell("clean") - Cell("occluded"), printedDrop)
            .Derive("mine", "drop", Cell("clean") - Cell("occluded"))
            .Derive("mine", "gain", Cell("occluded") - Cell("base", "occluded"), 6.0)
            .Text("base", "encoder", "ST-GCN")
            .Text("mine", "encoder", "ST-GCN | 4.2G");

    private static ResultRow Result(string row, string column, double value) =>
        Reporting.ComparisonTableTests.Result(row, column, value) with { TableId = "occ" };

    [Fact]
    public void A_derived_cell_is_computed_from_the_papers_numbers_where_it_prints_none_and_from_ours()
    {
        var table = Occlusion().Build();
        table.Validate(Catalog.Default);
        var c = ComparisonTable.Build(table, [Result("mine", "clean", 70.0), Result("mine", "occluded", 65.0), Result("base", "occluded", 60.0)]);
        var drop = c.Entry("mine", "drop");
        Assert.Equal(3.0, drop.Paper!.Value, 9);   // 79.0 − 76.0, the paper prints none
        Assert.True(drop.PaperComputed);
        Assert.Equal(5.0, drop.Ours!.Value, 9);    // 70 − 65
        Assert.Equal(2.0, drop.Difference!.Value, 9);
        Assert.False(drop.OursBetter);             // a larger drop is worse
        Assert.Equal(ColumnKind.Derived, drop.Kind);
        Assert.Equal("AimCLR (the paper's method) clean − AimCLR (the paper's method) occluded", drop.Formula);
        var gain = c.Entry("mine", "gain");
        Assert.Equal(6.0, gain.Paper);             // printed, and checked against 76.0 − 70.0
        Assert.False(gain.PaperComputed);
        Assert.Equal(5.0, gain.Ours!.Value, 9);    // 65 − 60 from the other row
        Assert.Null(c.Entry("base", "gain").Paper); // blank: no formula there
        Assert.Null(c.Entry("base", "drop").Ours);  // base's clean not measured
    }

    [Fact]
    public void A_printed_derived_value_that_disagrees_with_its_inputs_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Occlusion(printedDrop: 3.0).Build().Validate(Catalog.Default));
        Assert.Contains("row base column drop: the paper prints 3, but SkeletonCLR clean − SkeletonCLR occluded is 5.0", e.Message);
        Occlusion(printedDrop: 5.1).Build().Validate(Catalog.Default); // within the rounding of the printed inputs
    }

    [Fact]
    public void Formulas_must_read_existing_numeric_cells_and_not_themselves()
    {
        Assert.Contains("which the table does not have", Assert.Throws<ArgumentException>(() =>
            Occlusion().Derive("base", "gain", Cell("nope", "clean")).Build().Validate(Catalog.Default)).Message);
        Assert.Contains("holds text", Assert.Throws<ArgumentException>(() =>
            Occlusion().Derive("base", "gain", Cell("encoder")).Build().Validate(Catalog.Default)).Message);
        Assert.Contains("depends on itself", Assert.Throws<ArgumentException>(() =>
            Occlusion().Derive("base", "gain", Cell("gain") + Cell("clean")).Build().Validate(Catalog.Default)).Message);
        Assert.Contains("is measured, expected a derived column", Assert.Throws<ArgumentException>(() =>
            Occlusion().Derive("base", "clean", Cell("occluded"))).Message);
    }

    [Fact]
    public void Paper_values_of_a_derived_column_use_its_units_range()
    {
        var table = new TableBuilder("t", "T", "p", "d", "n").Column("a", "A", "ntu60", "xsub").DerivedColumn("g", "G", MetricUnit.PercentagePoints)
            .PaperOnly("r", "R", [50.0]).Printed("r", "g", -120).Build();
        Assert.Contains("outside [-100, 100]", Assert.Throws<ArgumentException>(() => table.Validate(Catalog.Default)).Message);
    }

    [Fact]
    public void Mean_averages_its_terms_and_a_missing_input_leaves_the_cell_empty()
    {
        var f = Mean(Cell("a") - Cell("b"), Cell("c") - Cell("d"));
        double? Value(CellAddress at) => at.ColumnId switch { "a" => 83.9, "b" => 80.8, "c" => 90.4, "d" => 87.0, _ => null };
        Assert.Equal(3.25, f.Evaluate("pcm3", Value)!.Value, 9); // PCM3 Table 4, spatial occlusion: printed 3.3
        Assert.Equal(0.1, f.RoundingError("pcm3", _ => 0.05), 9);
        Assert.Null((Cell("a") - Cell("x")).Evaluate("pcm3", Value));
        Assert.Equal("mean(a − b, c − d)", f.Describe("pcm3", at => at.ColumnId));
    }

    [Fact]
    public void Text_columns_are_shown_as_printed_and_never_compared()
    {
        var table = Occlusion().Build();
        var c = ComparisonTable.Build(table, [Result("mine", "clean", 70.0)]);
        var e = c.Entry("mine", "encoder");
        Assert.Equal("ST-GCN | 4.2G", e.Text);
        Assert.Null(e.Ours);
        Assert.Null(e.Difference);
        var md = c.ToMarkdown();
        Assert.Contains("| Method | clean ours | paper | Δ | occluded ours | paper | Δ | Δ↓ (derived) ours | paper | Δ | gain (derived) ours | paper | Δ | Encoder |", md);
        Assert.Contains("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|", md);
        Assert.Contains("| AimCLR (the paper's method) | 70.0 | 79.0 | -9.0 | – | 76.0 | – | – | [3.0] | – | – | 6.0 | – | ST-GCN \\| 4.2G |", md);
        Assert.Contains(ComparisonTable.DerivedLegend, md);
        var frame = c.ToDataFrame();
        Assert.Equal("ST-GCN", frame["Encoder"][0]);
        Assert.Contains("Δ↓ (derived) paper", frame.Columns.Select(x => x.Name));
        Assert.DoesNotContain("Encoder ours", frame.Columns.Select(x => x.Name));
        var html = c.ToHtml();
        Assert.Contains("<th rowspan=\"2\" class=\"text\">Encoder</th>", html);
        Assert.Contains("<td class=\"text\">ST-GCN | 4.2G</td>", html);
        Assert.Contains("<td class=\"derived computed\" title=\"computed from the paper&#39;s numbers; the paper prints none\">[3.0]</td>", html);
        Assert.Contains("title=\"derived: AimCLR (the paper&#39;s method) occluded − SkeletonCLR occluded\"", html);
        Assert.Contains("occ,mine,AimCLR (the paper's method),encoder,,,,0,text,,ST-GCN | 4.2G\n", c.ToCsv());
        Assert.Contains("occ,mine,AimCLR (the paper's method),drop,,3,,0,derived,computed,\n", c.ToCsv());
    }

    [Fact]
    public void Numbers_in_a_text_column_and_results_for_computed_columns_are_rejected()
    {
        var table = Occlusion().Build();
        Assert.Contains("only measured cells have results", Assert.Throws<ArgumentException>(() =>
            ComparisonTable.Build(table, [Result("mine", "drop", 1.0)])).Message);
        Assert.Contains("is text, expected a derived column", Assert.Throws<ArgumentException>(() =>
            Occlusion().Derive("mine", "encoder", Cell("clean"))).Message);
        Assert.Contains("holds text", Assert.Throws<ArgumentException>(() => Charts.ComparisonBars(ComparisonTable.Build(table, []), "encoder")).Message);
    }

    [Fact]
    public void A_column_metric_overrides_the_rows()
    {
        var table = new TableBuilder("m", "M", "p", "d", "n")
            .Column("acc", "top-1", "ntu60", "xsub")
            .Column("top5", "top-5", "ntu60", "xsub", metric: "top5")
            .Row("r", "R", [null, null], c => Linear(AimClrConfig.Paper, c), metric: "top1")
            .Build();
        table.Validate(Catalog.Default);
        Assert.Equal(["top1", "top5"], table.Row("r").Cells.Select(c => c.Metric));
        var wrong = new TableBuilder("m", "M", "p", "d", "n").Column("x", "X", "ntu60", "xsub", MetricUnit.Millimetres, metric: "mpjpe")
            .Row("r", "R", [null], c => Linear(AimClrConfig.Paper, c)).Build();
        Assert.Contains("reports no metric 'mpjpe'", Assert.Throws<ArgumentException>(() => wrong.Validate(Catalog.Default)).Message);
    }

    [Fact]
    public void Rows_carry_paper_values_for_measured_columns_only()
    {
        Assert.Contains("2 paper values for 1 measured columns", Assert.Throws<ArgumentException>(() =>
            new TableBuilder("t", "T", "p", "d", "n").Column("a", "A", "ntu60", "xsub").DerivedColumn("g", "G", MetricUnit.PercentagePoints)
                .PaperOnly("r", "R", [1.0, 2.0])).Message);
    }
}
