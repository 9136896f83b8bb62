using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Tables;

/// <summary>The AimCLR tables as data: they validate, and their numbers agree with what the paper's own text says about them.</summary>
public sealed class AimClrTableTests
{
    public static TheoryData<string> TableIds => [.. Catalog.Default.Tables.Keys.Order()];

    private static double? Paper(string table, string row, string column) =>
        Catalog.Default.Table(table).Row(row).Cell(column)!.Paper;

    [Theory]
    [MemberData(nameof(TableIds))]
    public void Every_catalog_table_validates_against_the_catalog(string id)
    {
        var table = Catalog.Default.Table(id);
        table.Validate(Catalog.Default);
        Assert.Equal(id, table.Id);
        Assert.StartsWith(id.StartsWith("pcm3-", StringComparison.Ordinal) ? "notebooks/PCM3/" : "notebooks/AimCLR/", table.Notebook);
        Assert.True(File.Exists(Path.Combine(Notebooks.RepositoryFiles.Root, table.Notebook)), $"{id}: no notebook {table.Notebook}");
        Assert.EndsWith(".ipynb", table.Notebook);
        Assert.Equal($"table run {id}", table.Command);
    }

    [Theory]
    [MemberData(nameof(TableIds))]
    public void Every_table_has_a_row_the_kit_reruns_and_every_paper_only_row_says_why(string id)
    {
        var table = Catalog.Default.Table(id);
        Assert.Contains(table.Rows, r => !r.PaperOnly);
        Assert.All(table.Rows.Where(r => r.PaperOnly), r => Assert.False(string.IsNullOrWhiteSpace(r.Note)));
    }

    [Fact]
    public void The_catalog_holds_tables_one_to_eight_and_figures_two_and_three()
    {
        string[] expected = ["aimclr-fig2", "aimclr-fig3", .. Enumerable.Range(1, 8).Select(i => $"aimclr-table{i}")];
        Assert.Equal(expected.Order(), Catalog.Default.Tables.Keys.Where(k => k.StartsWith("aimclr-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void Table2_gains_are_derived_cells_holding_the_deltas_the_paper_prints()
    {
        // Table 2's Δ, copied from the paper: "the gain compared to SkeletonCLR using the same stream data", on the AimCLR rows.
        (string Stream, double[] Delta)[] printed =
        [
            ("joint", [6.0, 3.3, 2.5, 6.6, 7.5]),
            ("motion", [13.5, 19.8, 8.6, 17.7, 14.2]),
            ("bone", [3.8, 9.6, 9.4, 14.5, 11.4]),
            ("3s", [3.9, 4.0, 2.5, 7.5, 6.2]),
        ];
        var table = Catalog.Default.Table("aimclr-table2");
        var measured = table.Columns.Where(c => c.Kind == ColumnKind.Measured).ToList();
        Assert.Equal(5, measured.Count);
        Assert.Equal(10, table.Columns.Count); // each accuracy column followed by its gain
        foreach (var (stream, delta) in printed)
        {
            var (ours, theirs) = stream == "3s" ? ("3s-aimclr", "3s-skeletonclr") : ($"aimclr-{stream}", $"skeletonclr-{stream}");
            for (int i = 0; i < measured.Count; i++)
            {
                var gain = table.Row(ours).Cell($"{measured[i].Id}-gain")!;
                Assert.True(gain.IsDerived);
                Assert.Equal(delta[i], gain.Paper);
                Assert.Equal(delta[i], gain.Formula!.Evaluate(ours, at => table.Cell(at).Paper)!.Value, 6);
                Assert.Null(table.Row(theirs).Cell($"{measured[i].Id}-gain")!.Formula); // blank on SkeletonCLR rows, as printed
            }
        }
        var c = global::SkeletonSsl.Reporting.ComparisonTable.Build(table, [
            new("aimclr-table2", "aimclr-joint", "ntu60-xsub", 50.0, "h", 0, Profile.Smoke, "c", "cpu", "v", DataKind.Synthetic, DateTimeOffset.UnixEpoch),
            new("aimclr-table2", "skeletonclr-joint", "ntu60-xsub", 45.5, "h", 0, Profile.Smoke, "c", "cpu", "v", DataKind.Synthetic, DateTimeOffset.UnixEpoch)]);
        Assert.Equal(4.5, c.Entry("aimclr-joint", "ntu60-xsub-gain").Ours!.Value, 9); // our gain, from our runs
        Assert.Equal(6.0, c.Entry("aimclr-joint", "ntu60-xsub-gain").Paper);
    }

    [Fact]
    public void Table1_steps_match_the_gains_the_text_reports()
    {
        // §4.3: "When both EA and NA are used ... improved by 2.4% and 2.7%"; EADM: "improved by 0.8% and 0.3%".
        Assert.Equal(2.4, Paper("aimclr-table1", "na-ea", "ntu60-xsub")!.Value - Paper("aimclr-table1", "na", "ntu60-xsub")!.Value, 6);
        Assert.Equal(2.7, Paper("aimclr-table1", "na-ea", "ntu60-xview")!.Value - Paper("aimclr-table1", "na", "ntu60-xview")!.Value, 6);
        Assert.Equal(0.8, Paper("aimclr-table1", "na-ea-eadm", "ntu60-xsub")!.Value - Paper("aimclr-table1", "na-ea", "ntu60-xsub")!.Value, 6);
        Assert.Equal(0.3, Paper("aimclr-table1", "na-ea-eadm", "ntu60-xview")!.Value - Paper("aimclr-table1", "na-ea", "ntu60-xview")!.Value, 6);
    }

    [Fact]
    public void Numbers_quoted_in_the_text_agree_with_the_tables()
    {
        // §4.4: "68.2% vs 67.9% on xsub and 68.8% vs 67.1% on xset" (3s-AimCLR vs ISC, Table 6).
        Assert.Equal(68.2, Paper("aimclr-table6", "3s-aimclr", "ntu120-xsub"));
        Assert.Equal(67.9, Paper("aimclr-table6", "isc", "ntu120-xsub"));
        Assert.Equal(68.8, Paper("aimclr-table6", "3s-aimclr", "ntu120-xset"));
        Assert.Equal(67.1, Paper("aimclr-table6", "isc", "ntu120-xset"));
        // §4.4: "3s-AimCLR leads 3s-SkeletonCLR 3.9% and 4.0%" (Table 4).
        Assert.Equal(3.9, Paper("aimclr-table4", "3s-aimclr", "ntu60-xsub")!.Value - Paper("aimclr-table4", "3s-skeletonclr", "ntu60-xsub")!.Value, 6);
        Assert.Equal(4.0, Paper("aimclr-table4", "3s-aimclr", "ntu60-xview")!.Value - Paper("aimclr-table4", "3s-skeletonclr", "ntu60-xview")!.Value, 6);
        // §4.3 Fig. 2: NMI (c) 3s-CrosSCLR§ 0.6668, (f) 3s-AimCLR§ 0.6793.
        Assert.Equal(0.6668, Paper("aimclr-fig2", "3s-crossclr-cs", "ntu60-xsub-nmi"));
        Assert.Equal(0.6793, Paper("aimclr-fig2", "3s-aimclr-cs", "ntu60-xsub-nmi"));
    }

    [Fact]
    public void The_same_result_printed_in_several_tables_has_the_same_number_and_the_same_experiment()
    {
        (string Table, string Row, string Column)[] threeStreamAimClrXsub =
        [
            ("aimclr-table1", "full", "ntu60-xsub"), ("aimclr-table2", "3s-aimclr", "ntu60-xsub"),
            ("aimclr-table3", "3s-aimclr", "ep300"), ("aimclr-table4", "3s-aimclr", "ntu60-xsub"),
        ];
        var cells = threeStreamAimClrXsub.Select(c => Catalog.Default.Table(c.Table).Row(c.Row).Cell(c.Column)!).ToList();
        Assert.All(cells, c => Assert.Equal(78.9, c.Paper));
        Assert.Single(cells.Select(c => c.Spec!.Hash).Distinct());
        var na = Catalog.Default.Table("aimclr-table1").Row("na").Cell("ntu60-xview")!;
        var skeletonClr = Catalog.Default.Table("aimclr-table2").Row("3s-skeletonclr").Cell("ntu60-xview")!;
        Assert.Equal(na.Spec, skeletonClr.Spec);
        Assert.Equal(na.Paper, skeletonClr.Paper);
        Assert.Equal(Paper("aimclr-table2", "aimclr-joint", "pku1-xsub"), 83.4);
        Assert.Equal(Paper("aimclr-table5", "3s-aimclr", "pku1-xsub"), Paper("aimclr-table2", "3s-aimclr", "pku1-xsub"));
    }

    [Fact]
    public void Rows_the_paper_labels_ours_are_reported_as_the_papers_method()
    {
        var table4 = Catalog.Default.Table("aimclr-table4");
        Assert.Equal("3s-AimCLR (AimCLR paper)", table4.ReportLabel(table4.Row("3s-aimclr")));
        Assert.Equal("3s-AimCLR (AimCLR paper)§", table4.ReportLabel(table4.Row("3s-aimclr-cs")));
        Assert.Equal("SkeletonCLR (CVPR 21)", table4.ReportLabel(table4.Row("skeletonclr")));
        Assert.All(Catalog.Default.Tables.Values, t => Assert.All(t.Rows, r => Assert.DoesNotContain("(ours)", t.ReportLabel(r), StringComparison.OrdinalIgnoreCase)));
        var frame = global::SkeletonSsl.Reporting.ComparisonTable.Build(table4, []).ToDataFrame();
        Assert.Equal("AimCLR (AimCLR paper)", frame["Method"][6]);
    }

    [Fact]
    public void Table3_columns_differ_only_in_the_epoch_switch()
    {
        var row = Catalog.Default.Table("aimclr-table3").Row("3s-aimclr");
        Assert.Equal([100, 150, 200, 300], row.Cells.Select(c => c.Spec!.Method.Training.Epochs));
        Assert.All(row.Cells, c => Assert.Equal(AimClrConfig.Paper with { Training = c.Spec!.Method.Training }, c.Spec!.Method));
        Assert.Equal(4, row.Cells.Select(c => c.Spec!.Hash).Distinct().Count());
    }

    [Fact]
    public void Table7_semi_rows_carry_the_labelled_fraction()
    {
        var table = Catalog.Default.Table("aimclr-table7");
        Assert.Equal("0.01", table.Row("3s-aimclr-1").Cells[0].Spec!.ProtocolOptions["labelled"]);
        Assert.Equal("0.1", table.Row("3s-aimclr-10").Cells[0].Spec!.ProtocolOptions["labelled"]);
        Assert.Equal([57.5, 15.1, 54.8, 54.3], table.Row("3s-aimclr-1").Cells.Select(c => c.Paper!.Value));
        Assert.Equal([86.1, 33.4, 78.2, 81.6], table.Row("3s-aimclr-10").Cells.Select(c => c.Paper!.Value));
        Assert.Null(table.Row("isc-1").Cell("pku2-xsub")!.Paper); // printed as "-"
        Assert.Equal(12, table.Rows.Count);
    }

    [Fact]
    public void Three_stream_rows_fuse_with_the_papers_weights()
    {
        var spec = Catalog.Default.Table("aimclr-table2").Row("3s-aimclr").Cells[0].Spec!;
        Assert.Equal(ExperimentSpec.ThreeStreams, spec.Streams);
        Assert.Equal([0.6, 0.4, 0.6], spec.FusionWeights.ToArray()); // joint, motion, bone: §4.2 "[0.6, 0.6, 0.4]" for J, B, M
    }
}
