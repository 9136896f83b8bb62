using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Reporting;

public sealed class ComparisonTableTests
{
    internal static TableDefinition Small { get; } =
        new TableBuilder("demo", "Demo table", "paper", "description", "notebooks/AimCLR/Demo.ipynb")
            .Column("ntu60-xsub", "xsub", "ntu60", "xsub")
            .Column("ntu60-xview", "xview", "ntu60", "xview")
            .Row("ours", "Ours|1", [70.0, null], c => ExperimentSpec.Single(AimClrConfig.Paper, SkeletonStream.Joint, c.Dataset!, c.Split!, "linear"))
            .PaperOnly("other", "Other, \"quoted\"", [60.5, 65.0])
            .Build();

    internal static ResultRow Result(string row, string column, double value, int seed = 0, DataKind data = DataKind.Synthetic,
                                     Profile profile = Profile.Quick) =>
        new("demo", row, column, value, "0123456789abcdef", seed, profile, "unknown", "cpu", "0.107.0", data,
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void The_difference_is_ours_minus_the_paper_and_missing_where_either_is_missing()
    {
        var c = ComparisonTable.Build(Small, [Result("ours", "ntu60-xsub", 72.5), Result("ours", "ntu60-xview", 80.0)]);
        Assert.Equal(2.5, c.Entry("ours", "ntu60-xsub").Difference!.Value, 9);
        Assert.Null(c.Entry("ours", "ntu60-xview").Difference); // paper printed "-"
        Assert.Equal(80.0, c.Entry("ours", "ntu60-xview").Ours);
        Assert.Null(c.Entry("other", "ntu60-xsub").Ours);
        Assert.Null(c.Entry("other", "ntu60-xsub").Difference);
        Assert.Equal(60.5, c.Entry("other", "ntu60-xsub").Paper);
    }

    [Fact]
    public void Several_seeds_are_averaged()
    {
        var c = ComparisonTable.Build(Small, [Result("ours", "ntu60-xsub", 71.0, 0), Result("ours", "ntu60-xsub", 73.0, 1)]);
        Assert.Equal(72.0, c.Entry("ours", "ntu60-xsub").Ours);
        Assert.Equal(2, c.Entry("ours", "ntu60-xsub").Seeds);
    }

    [Fact]
    public void Results_of_other_tables_are_ignored_and_unknown_cells_rejected()
    {
        var c = ComparisonTable.Build(Small, [Result("ours", "ntu60-xsub", 71.0) with { TableId = "other-table" }]);
        Assert.Null(c.Entry("ours", "ntu60-xsub").Ours);
        Assert.Throws<ArgumentException>(() => ComparisonTable.Build(Small, [Result("nope", "ntu60-xsub", 1)]));
    }

    [Fact]
    public void Markdown_shows_ours_paper_and_difference_per_column()
    {
        var c = ComparisonTable.Build(Small, [Result("ours", "ntu60-xsub", 68.25)]);
        Assert.Equal(
            "| Method | xsub ours | paper | Δ | xview ours | paper | Δ |\n" +
            "|---|---:|---:|---:|---:|---:|---:|\n" +
            "| Ours\\|1 | 68.2 | 70.0 | -1.8 | – | – | – |\n" +
            "| Other, \"quoted\" *(paper only)* | – | 60.5 | – | – | 65.0 | – |\n",
            c.ToMarkdown().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Csv_is_long_form_with_invariant_numbers_and_quoting()
    {
        var c = ComparisonTable.Build(Small, [Result("ours", "ntu60-xsub", 72.5)]);
        Assert.Equal(
            "table,row,method,column,ours,paper,difference,seeds,kind,paper_source,text\n" +
            "demo,ours,Ours|1,ntu60-xsub,72.5,70,2.5,1,measured,printed,\n" +
            "demo,ours,Ours|1,ntu60-xview,,,,0,measured,,\n" +
            "demo,other,\"Other, \"\"quoted\"\"\",ntu60-xsub,,60.5,,0,measured,printed,\n" +
            "demo,other,\"Other, \"\"quoted\"\"\",ntu60-xview,,65,,0,measured,printed,\n",
            c.ToCsv());
    }

    [Fact]
    public void The_data_frame_has_ours_paper_and_difference_columns_with_nulls_for_missing()
    {
        var frame = ComparisonTable.Build(Small, [Result("ours", "ntu60-xsub", 72.5)]).ToDataFrame();
        Assert.Equal(["Row", "Method", "xsub ours", "xsub paper", "xsub Δ", "xview ours", "xview paper", "xview Δ"],
                     frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(72.5, frame["xsub ours"][0]);
        Assert.Equal(2.5, (double)frame["xsub Δ"][0]!, 9);
        Assert.Null(frame["xsub ours"][1]);
        Assert.Equal(65.0, frame["xview paper"][1]);
    }
}
