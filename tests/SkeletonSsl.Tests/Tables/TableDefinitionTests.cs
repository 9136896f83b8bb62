using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Tables;

public sealed class TableDefinitionTests
{
    private static TableBuilder Small() =>
        new TableBuilder("demo", "Demo", "paper", "description", "notebooks/AimCLR/Demo.ipynb")
            .Column("ntu60-xsub", "xsub", "ntu60", "xsub");

    private static ExperimentSpec Linear(TableColumn c) =>
        ExperimentSpec.Single(AimClrConfig.Paper, SkeletonStream.Joint, c.Dataset!, c.Split!, "linear");

    [Fact]
    public void A_well_formed_table_validates()
    {
        Small().Row("a", "A", [50.0], Linear).PaperOnly("b", "B", [null]).Build().Validate(Catalog.Default);
    }

    [Fact]
    public void Duplicate_row_ids_are_rejected()
    {
        var table = Small().Row("a", "A", [50.0], Linear).PaperOnly("a", "B", [1.0]).Build();
        var e = Assert.Throws<ArgumentException>(() => table.Validate(Catalog.Default));
        Assert.Contains("row id 'a'", e.Message);
    }

    [Theory]
    [InlineData(100.5)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Paper_values_outside_the_percent_range_are_rejected(double value)
    {
        var table = Small().PaperOnly("a", "A", [value]).Build();
        Assert.Throws<ArgumentException>(() => table.Validate(Catalog.Default));
    }

    [Fact]
    public void Ratio_columns_reject_values_above_one()
    {
        var table = new TableBuilder("demo", "Demo", "p", "d", "n").Column("nmi", "NMI", "ntu60", "xsub", MetricUnit.Ratio)
            .PaperOnly("a", "A", [66.68]).Build();
        Assert.Throws<ArgumentException>(() => table.Validate(Catalog.Default));
    }

    [Fact]
    public void Specs_naming_things_the_catalog_does_not_know_are_rejected()
    {
        var withoutAimClr = Catalog.Default with { Methods = Catalog.Default.Methods.Remove("aimclr") };
        Assert.Contains("not in the catalog", Assert.Throws<ArgumentException>(() =>
            Small().Row("a", "A", [1.0], Linear).Build().Validate(withoutAimClr)).Message);
        Assert.Contains("unknown protocol", Assert.Throws<ArgumentException>(() =>
            Small().Row("a", "A", [1.0], c => Linear(c) with { Protocol = "probe" }).Build().Validate(Catalog.Default)).Message);
        Assert.Contains("top-k", Assert.Throws<ArgumentException>(() =>
            Small().Row("a", "A", [1.0], c => Linear(c) with { Method = AimClrConfig.Paper with { TopK = 0 } }).Build().Validate(Catalog.Default)).Message);
        Assert.Contains("no split", Assert.Throws<ArgumentException>(() =>
            new TableBuilder("demo", "Demo", "p", "d", "n").Column("c", "C", "ntu60", "xset")
                .Row("a", "A", [1.0], Linear).Build().Validate(Catalog.Default)).Message);
    }

    [Fact]
    public void A_spec_on_another_dataset_than_its_column_is_rejected()
    {
        var table = Small().Row("a", "A", [1.0], c => Linear(c) with { Split = "xview" }).Build();
        Assert.Contains("column is ntu60 xsub", Assert.Throws<ArgumentException>(() => table.Validate(Catalog.Default)).Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_paper_values_is_rejected_when_written()
    {
        Assert.Throws<ArgumentException>(() => Small().PaperOnly("a", "A", [1.0, 2.0]));
    }
}
