using SkeletonSsl.Experiments;
using SkeletonSsl.Methods;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Tables;

/// <summary>The PCM3 tables as data: columns and rows as the paper prints them, its numbers, its claims, and one experiment per config shared across tables.</summary>
public sealed class Pcm3TableTests
{
    private static TableDefinition Table(string id) => Catalog.Default.Table(id);

    private static double?[] PaperRow(string table, string row) =>
        [.. Table(table).Row(row).Cells.Where(c => Table(table).Column(c.ColumnId).Kind == ColumnKind.Measured).Select(c => c.Paper)];

    private static ExperimentSpec Spec(string table, string row, string column) => Table(table).Row(row).Cell(column)!.Spec!;

    [Fact]
    public void The_catalog_holds_the_papers_tables_one_to_four_six_eight_nine_and_ten()
    {
        string[] expected = ["pcm3-table1", "pcm3-table2", "pcm3-table3", "pcm3-table4", "pcm3-table5", "pcm3-table6", "pcm3-table7", "pcm3-table8", "pcm3-table9", "pcm3-table10"];
        Assert.Equal(expected.Order(), Catalog.Default.Tables.Keys.Where(k => k.StartsWith("pcm3-", StringComparison.Ordinal)).Order());
        Assert.All(expected, id => Assert.Equal("PCM3", Table(id).PaperMethod));
    }

    [Fact]
    public void Table1_has_text_year_and_backbone_columns_then_five_benchmarks()
    {
        var table = Table("pcm3-table1");
        Assert.Equal(["year", "backbone", "ntu60-xsub", "ntu60-xview", "ntu120-xsub", "ntu120-xset", "pku2-xsub"], table.Columns.Select(c => c.Id));
        Assert.Equal([ColumnKind.Text, ColumnKind.Text], table.Columns.Take(2).Select(c => c.Kind));
        Assert.Equal(("pku2", "xsub"), (table.Column("pku2-xsub").Dataset, table.Column("pku2-xsub").Split));
        Assert.Equal(18, table.Rows.Count);
        Assert.Equal(["pcm3", "3s-aimclr", "3s-pcm3"], table.Rows.Where(r => !r.PaperOnly).Select(r => r.Id));
        Assert.Equal([83.9, 90.4, 76.5, 77.5, 51.5], PaperRow("pcm3-table1", "pcm3"));
        Assert.Equal([87.4, 93.1, 80.0, 81.2, 58.2], PaperRow("pcm3-table1", "3s-pcm3"));
        Assert.Equal([79.8, 86.9, 70.3, 71.5, 43.0], PaperRow("pcm3-table1", "cmd"));   // spec/pcm3.md §10's CMD reference
        Assert.Equal([52.6, null, null, null, 27.6], PaperRow("pcm3-table1", "ms2l"));
        Assert.Equal("GRU", table.Row("isc").Cell("backbone")!.Text);                    // the stored text's "GRO"
        Assert.Equal("ECCV'2022", table.Row("3s-cpm").Cell("year")!.Text);
        Assert.Equal("Single-stream:", table.Row("pcm3").Group);
        Assert.Equal("Three-stream:", table.Row("3s-pcm3").Group);
    }

    [Fact]
    public void Table1_runs_pcm3_on_the_joint_stream_and_fuses_3s_pcm3_by_the_average_of_its_streams()
    {
        var single = Spec("pcm3-table1", "pcm3", "ntu120-xset");
        Assert.Equal([SkeletonStream.Joint], single.Streams.ToArray());
        Assert.Equal(Pcm3Config.Paper, single.Method);
        Assert.Equal(("ntu120", "xset", "linear"), (single.Dataset, single.Split, single.Protocol));
        var fused = Spec("pcm3-table1", "3s-pcm3", "pku2-xsub");
        Assert.Equal(ExperimentSpec.ThreeStreams.ToArray(), fused.Streams.ToArray());
        Assert.All(fused.FusionWeights, w => Assert.Equal(1.0 / 3, w, 12));            // CMD: the mean of the three streams' scores
        Assert.Equal(Spec("pcm3-table1", "pcm3", "pku2-xsub").Pretrains.Single(), fused.Pretrains.First()); // the joint run is shared
    }

    [Fact]
    public void Table1s_3s_aimclr_is_the_aimclr_tables_experiment_and_number()
    {
        (string Pcm3Column, string AimClrTable, string AimClrColumn)[] same =
        [
            ("ntu60-xsub", "aimclr-table4", "ntu60-xsub"), ("ntu60-xview", "aimclr-table4", "ntu60-xview"),
            ("ntu120-xsub", "aimclr-table6", "ntu120-xsub"), ("ntu120-xset", "aimclr-table6", "ntu120-xset"),
            ("pku2-xsub", "aimclr-table5", "pku2-xsub"),
        ];
        foreach (var (column, aimClrTable, aimClrColumn) in same)
        {
            var ours = Table("pcm3-table1").Row("3s-aimclr").Cell(column)!;
            var theirs = Table(aimClrTable).Row("3s-aimclr").Cell(aimClrColumn)!;
            Assert.Equal(theirs.Spec!.Hash, ours.Spec!.Hash);
            Assert.Equal(theirs.Paper, ours.Paper);
        }
        Assert.Equal([0.6, 0.4, 0.6], Spec("pcm3-table1", "3s-aimclr", "ntu60-xsub").FusionWeights.ToArray()); // AimCLR's own fusion
    }

    [Fact]
    public void Table2_columns_are_xview_then_xsub_with_the_labelled_fraction_of_each()
    {
        var table = Table("pcm3-table2");
        Assert.Equal(["ntu60-xview-1", "ntu60-xview-10", "ntu60-xsub-1", "ntu60-xsub-10"], table.Columns.Select(c => c.Id));
        Assert.Equal(["0.01", "0.1", "0.01", "0.1"], table.Row("pcm3").Cells.Select(c => c.Spec!.ProtocolOptions["labelled"]));
        Assert.Equal(["xview", "xview", "xsub", "xsub"], table.Row("pcm3").Cells.Select(c => c.Spec!.Split));
        Assert.All(table.Row("pcm3").Cells, c => Assert.Equal("semi", c.Spec!.Protocol));
        Assert.Equal([53.1, 82.8, 53.8, 77.1], PaperRow("pcm3-table2", "pcm3"));
        Assert.Equal([null, null, 35.2, 62.0], PaperRow("pcm3-table2", "long-tgan"));
        Assert.Equal([53.0, 80.2, 50.6, 75.4], PaperRow("pcm3-table2", "cmd"));
        // Semi-supervision fine-tunes Table 1's encoders: the same pre-training runs.
        Assert.Equal(Spec("pcm3-table1", "pcm3", "ntu60-xview").Pretrains, Spec("pcm3-table2", "pcm3", "ntu60-xview-10").Pretrains);
    }

    [Fact]
    public void Table3_is_1nn_retrieval_of_the_joint_stream_on_table1s_encoders()
    {
        var table = Table("pcm3-table3");
        Assert.Equal(["ntu60-xsub", "ntu60-xview", "ntu120-xsub", "ntu120-xset"], table.Columns.Select(c => c.Id));
        Assert.Equal([73.7, 88.8, 63.1, 66.8], PaperRow("pcm3-table3", "pcm3"));   // spec/pcm3.md §10's KNN-1
        Assert.Equal([70.6, 85.4, 58.3, 60.9], PaperRow("pcm3-table3", "cmd"));
        Assert.Equal([60.7, 75.2, null, null], PaperRow("pcm3-table3", "crrl"));
        var spec = Spec("pcm3-table3", "pcm3", "ntu120-xsub");
        Assert.Equal("knn", spec.Protocol);
        Assert.Equal(1, spec.Method.Recipes!.Knn.K);
        Assert.Equal(Spec("pcm3-table1", "pcm3", "ntu120-xsub").Pretrains, spec.Pretrains);
    }

    [Fact]
    public void Table4_has_spatial_and_temporal_columns_with_their_delta_then_the_clean_inputs()
    {
        var table = Table("pcm3-table4");
        Assert.Equal(["spatial-xsub", "spatial-xview", "spatial-delta", "temporal-xsub", "temporal-xview", "temporal-delta", "clean-xsub", "clean-xview"],
                     table.Columns.Select(c => c.Id));
        Assert.Equal(["spatial-top1", "spatial-top1", null, "temporal-top1", "temporal-top1", null, "top1", "top1"], table.Columns.Select(c => c.Metric));
        Assert.All(table.Columns.Where(c => c.Kind == ColumnKind.Measured), c => Assert.Equal("ntu60", c.Dataset));
        Assert.Equal(["xsub", "xview", "xsub", "xview", "xsub", "xview"], table.Columns.Where(c => c.Kind == ColumnKind.Measured).Select(c => c.Split));
        var delta = table.Column("spatial-delta");
        Assert.Equal((ColumnKind.Derived, MetricDirection.LowerIsBetter), (delta.Kind, delta.Unit.Direction));
        Assert.Equal(["moco-gru", "isc", "crrl", "aimclr", "cmd", "pcm3"], table.Rows.Select(r => r.Id));
        Assert.Equal(["moco-gru", "aimclr", "pcm3"], table.Rows.Where(r => !r.PaperOnly).Select(r => r.Id));
        // The paper's numbers (spatial xsub, xview, temporal xsub, xview; the clean columns are not printed) and its Δ↓.
        Assert.Equal([64.8, 72.6, 68.8, 74.8, null, null], PaperRow("pcm3-table4", "moco-gru"));
        Assert.Equal([62.8, 70.6, 68.9, 76.8, null, null], PaperRow("pcm3-table4", "isc"));
        Assert.Equal([56.8, 61.4, 61.0, 66.2, null, null], PaperRow("pcm3-table4", "crrl"));
        Assert.Equal([54.9, 58.5, 54.1, 58.6, null, null], PaperRow("pcm3-table4", "aimclr"));
        Assert.Equal([67.1, 72.7, 72.7, 79.5, null, null], PaperRow("pcm3-table4", "cmd"));
        Assert.Equal([80.8, 87.0, 77.6, 86.1, null, null], PaperRow("pcm3-table4", "pcm3"));
        double?[] Deltas(string column) => [.. table.Rows.Select(r => r.Cell(column)!.Paper)];
        Assert.Equal([12.4, 14.1, 11.6, 20.3, 13.3, 3.3], Deltas("spatial-delta"));
        Assert.Equal([9.3, 7.9, 7.1, 20.7, 7.1, 5.4], Deltas("temporal-delta"));
    }

    [Fact]
    public void Table6_reports_mpjpe_in_millimetres_lower_is_better_for_random_and_pcm3_rerun_and_three_quoted_methods()
    {
        var table = Table("pcm3-table6");
        Assert.Equal(["mpjpe", "zero-velocity"], table.Columns.Select(c => c.Id));
        Assert.Equal(["mpjpe", "zero-velocity-mpjpe"], table.Columns.Select(c => c.Metric));
        Assert.All(table.Columns, c => Assert.Equal((MetricDirection.LowerIsBetter, "ntu60", "xsub"), (c.Unit.Direction, c.Dataset, c.Split)));
        Assert.Equal(MetricUnit.Millimetres, table.Column("mpjpe").Unit);
        Assert.Equal(["random", "crrl", "isc", "cmd", "pcm3"], table.Rows.Select(r => r.Id));
        Assert.Equal(["random", "pcm3"], table.Rows.Where(r => !r.PaperOnly).Select(r => r.Id));
        Assert.Equal([108.5, 104.9, 144.2, 145.0, 101.7], table.Rows.Select(r => r.Cell("mpjpe")!.Paper));
        Assert.All(table.Rows, r => Assert.Null(r.Cell("zero-velocity")!.Paper));      // ours only
        Assert.All(table.Experiments, s => Assert.Equal(("motion-prediction", SkeletonStream.Joint), (s.Protocol, s.Streams.Single())));
        Assert.Equal(2, table.Experiments.Distinct().Count());                              // both columns read one experiment per row
        Assert.Equal(Spec("pcm3-table1", "pcm3", "ntu60-xsub").Pretrains, Spec("pcm3-table6", "pcm3", "mpjpe").Pretrains);
        Assert.Equal("random-init", Spec("pcm3-table6", "random", "mpjpe").Method.Name);
        Assert.Equal(["pcm3-best-motion-prediction", "contrastive-worse-than-random"], table.Claims.Select(c => c.Id));
        Assert.True(Catalog.Default.CanRun(table));
    }

    [Fact]
    public void Table4_runs_one_occlusion_experiment_per_row_and_split_shared_with_the_linear_tables_pretraining()
    {
        var table = Table("pcm3-table4");
        Assert.Equal(6, table.Experiments.Count());                                          // 3 rerun rows × 2 splits
        foreach (var split in new[] { "xsub", "xview" })
        foreach (var row in new[] { "moco-gru", "aimclr", "pcm3" })
        {
            var spec = Spec("pcm3-table4", row, $"clean-{split}");
            Assert.Equal(("occlusion", "ntu60", split, SkeletonStream.Joint), (spec.Protocol, spec.Dataset, spec.Split, spec.Streams.Single()));
            Assert.Equal(spec, Spec("pcm3-table4", row, $"spatial-{split}"));
            Assert.Equal(spec, Spec("pcm3-table4", row, $"temporal-{split}"));
            Catalog.Default.Check(spec, "spatial-top1");
        }
        Assert.Equal(SkeletonClrConfig.Gru, Spec("pcm3-table4", "moco-gru", "clean-xsub").Method);
        // AimCLR: the joint-stream pre-training of AimCLR Tables 2 and 4; PCM3: Table 1's.
        Assert.Equal(Catalog.Default.Table("aimclr-table2").Row("aimclr-joint").Cell("ntu60-xsub")!.Spec!.Pretrains,
                     Spec("pcm3-table4", "aimclr", "spatial-xsub").Pretrains);
        Assert.Equal(Catalog.Default.Table("aimclr-table4").Row("aimclr").Cell("ntu60-xview")!.Spec!.Pretrains,
                     Spec("pcm3-table4", "aimclr", "temporal-xview").Pretrains);
        Assert.Equal(Spec("pcm3-table1", "pcm3", "ntu60-xview").Pretrains, Spec("pcm3-table4", "pcm3", "spatial-xview").Pretrains);
    }

    [Fact]
    public void Table4s_delta_is_the_mean_reduction_over_the_splits_computed_from_our_clean_and_occluded_runs()
    {
        var table = Table("pcm3-table4");
        var ours = new Dictionary<CellAddress, double>
        {
            [new("pcm3", "clean-xsub")] = 60.0, [new("pcm3", "clean-xview")] = 70.0,
            [new("pcm3", "spatial-xsub")] = 50.0, [new("pcm3", "spatial-xview")] = 66.0,
            [new("pcm3", "temporal-xsub")] = 59.0, [new("pcm3", "temporal-xview")] = 68.0,
        };
        var values = table.Values(at => ours.TryGetValue(at, out var v) ? v : null);
        Assert.Equal(7.0, values(new("pcm3", "spatial-delta"))!.Value, 9);               // ((60 − 50) + (70 − 66)) / 2
        Assert.Equal(1.5, values(new("pcm3", "temporal-delta"))!.Value, 9);              // ((60 − 59) + (70 − 68)) / 2
        Assert.Null(values(new("aimclr", "spatial-delta")));                              // not run
        // The paper's side shows the printed Δ↓: the table holds no paper clean numbers to compute it from.
        Assert.Equal(3.3, table.PaperValues()(new("pcm3", "spatial-delta")));
        Assert.Null(table.PaperValues()(new("pcm3", "clean-xsub")));
    }

    [Fact]
    public void Table4s_printed_delta_agrees_with_the_clean_numbers_of_table1_and_of_aimclrs_joint_stream()
    {
        // Table 4 does not print the clean accuracies; its Δ↓ matches the clean linear numbers the papers print elsewhere
        // (spec/pcm3.md §8.6): Table 1 for PCM3, ISC and CRRL; AimCLR Table 2's joint stream for AimCLR (74.3, 79.7).
        var table = Table("pcm3-table4");
        (string Row, string Table, string CleanRow)[] sources =
        [
            ("pcm3", "pcm3-table1", "pcm3"), ("isc", "pcm3-table1", "isc"), ("crrl", "pcm3-table1", "crrl"), ("aimclr", "aimclr-table2", "aimclr-joint"),
        ];
        foreach (var (row, source, cleanRow) in sources)
        {
            double? Value(CellAddress at) => at.ColumnId.StartsWith("clean-", StringComparison.Ordinal)
                ? Table(source).Row(cleanRow).Cell($"ntu60-{at.ColumnId["clean-".Length..]}")!.Paper
                : table.Cell(at).Paper;
            foreach (var column in new[] { "spatial-delta", "temporal-delta" })
            {
                var cell = table.Cell(new(row, column));
                var computed = cell.Formula!.Evaluate(row, Value)!.Value;
                // Four inputs rounded to 0.05 each: their mean difference to 0.1, the printed value to 0.05 more.
                Assert.True(Math.Abs(computed - cell.Paper!.Value) <= 0.15 - 1e-6, $"{row} {column}: printed {cell.Paper}, computed {computed:0.###}");
            }
        }
        Assert.Equal(3.25, table.Cell(new("pcm3", "spatial-delta")).Formula!.Evaluate("pcm3", at => at.ColumnId switch
        {
            "clean-xsub" => 83.9, "clean-xview" => 90.4, _ => table.Cell(at).Paper,
        })!.Value, 9);
        // Every row's two Δ↓ imply one clean mean (occluded mean + Δ↓, within rounding), MoCo-GRU's and CMD's too (81.1, 83.2),
        // whose clean numbers neither paper prints for this protocol (CMD's Table 1 numbers give 83.35: its Δ↓ used others).
        foreach (var row in table.Rows)
        {
            double Implied(string kind) =>
                (row.Cell($"{kind}-xsub")!.Paper!.Value + row.Cell($"{kind}-xview")!.Paper!.Value) / 2 + row.Cell($"{kind}-delta")!.Paper!.Value;
            Assert.True(Math.Abs(Implied("spatial") - Implied("temporal")) <= 0.2 + 1e-9,
                        $"{row.Id}: spatial implies a clean mean of {Implied("spatial"):0.00}, temporal {Implied("temporal"):0.00}");
        }
    }

    [Fact]
    public void Table8_rows_are_the_switches_reconstructed_from_the_prose_without_prompts()
    {
        var table = Table("pcm3-table8");
        Assert.Equal(["intra", "inter", "mask", "predict", "kl", "ntu60-xview"], table.Columns.Select(c => c.Id));
        Assert.Equal(["intra", "inter", "kl", "predict", "mask", "all"], table.Rows.Select(r => r.Id));
        Assert.Equal([84.7, 87.5, 88.2, 89.7, 89.3, 90.0], table.Rows.Select(r => r.Cell("ntu60-xview")!.Paper!.Value));
        string[] switches = ["intra", "inter", "mask", "predict", "kl"];
        string Marks(string row) => string.Concat(switches.Select(s => table.Row(row).Cell(s)!.Text is null ? "." : "x"));
        // intra, inter, mask, predict, KL: the check marks the prose implies (the stored text lost them).
        Assert.Equal(["x....", "xx...", "xx..x", "xx.xx", "xxx.x", "xxxxx"], table.Rows.Select(r => Marks(r.Id)));
        foreach (var row in table.Rows)
        {
            var config = Assert.IsType<Pcm3Config>(row.Cell("ntu60-xview")!.Spec!.Method);
            Assert.False(config.DomainPrompts || config.TaskPrompts, $"{row.Id}: the table is without any prompt");
            Assert.Equal(Marks(row.Id), string.Concat(new[] { config.IntraView, config.InterView, config.MaskView, config.PredictView, config.RelationalKl }
                                                          .Select(on => on ? "x" : ".")));
            Assert.Equal(Pcm3Config.Paper.MaskRatio, config.MaskRatio);
        }
        // §4.4: "the masked views and predicted views ... yield 1.1% and 1.5% improvement" over intra + inter + KL.
        Assert.Equal(1.1, PaperRow("pcm3-table8", "mask")[0]!.Value - PaperRow("pcm3-table8", "kl")[0]!.Value, 6);
        Assert.Equal(1.5, PaperRow("pcm3-table8", "predict")[0]!.Value - PaperRow("pcm3-table8", "kl")[0]!.Value, 6);
        Assert.Contains("reconstructed", table.Description);
    }

    [Fact]
    public void Table9_reruns_recognition_and_detection_with_table5s_protocol()
    {
        var table = Table("pcm3-table9");
        Assert.Equal(["domain", "task", "recognition", "detection"], table.Columns.Select(c => c.Id));
        Assert.Equal([90.0, 90.3, 90.4], table.Rows.Select(r => r.Cell("recognition")!.Paper!.Value));
        Assert.Equal([60.8, 61.0, 61.3], table.Rows.Select(r => r.Cell("detection")!.Paper!.Value));
        Assert.All(table.Rows, r => Assert.Equal("linear", r.Cell("recognition")!.Spec!.Protocol));
        Assert.All(table.Rows, r => Assert.Equal(("detection", "pku1", "xsub", "ntu60", "xsub"),
            (r.Cell("detection")!.Spec!.Protocol, r.Cell("detection")!.Spec!.Dataset, r.Cell("detection")!.Spec!.Split,
             r.Cell("detection")!.Spec!.PretrainDataset, r.Cell("detection")!.Spec!.PretrainSplit)));
        Assert.Equal("map-v", table.Column("detection").Metric);
        var domainOnly = Assert.IsType<Pcm3Config>(Spec("pcm3-table9", "domain", "recognition").Method);
        Assert.True(domainOnly.DomainPrompts);
        Assert.False(domainOnly.TaskPrompts);
        Assert.Equal(domainOnly, Spec("pcm3-table9", "domain", "detection").Method);
        Assert.Equal([null, "✓", "✓"], table.Rows.Select(r => r.Cell("domain")!.Text));
        Assert.Equal([null, null, "✓"], table.Rows.Select(r => r.Cell("task")!.Text));
        // The detection value is Table 5's mAP_v (61.3), not its mAP_a (61.8): spec/README.md; the full row is Table 5's PCM3 experiment.
        Assert.Equal(61.3, table.Row("domain-task").Cell("detection")!.Paper);
        Assert.Equal(Table("pcm3-table5").Row("pcm3").Cell("map-v")!.Paper, table.Row("domain-task").Cell("detection")!.Paper);
        Assert.Equal(Spec("pcm3-table5", "pcm3", "map-v"), Spec("pcm3-table9", "domain-task", "detection"));
    }

    [Fact]
    public void Table5_detects_on_pku1_xsub_with_encoders_pretrained_on_ntu60_xsub()
    {
        var table = Table("pcm3-table5");
        Assert.Equal(["map-a", "map-v"], table.Columns.Select(c => c.Id));
        Assert.Equal(["map-a", "map-v"], table.Columns.Select(c => c.Metric));
        Assert.Equal(["random-init", "ms2l", "crrl", "isc", "cmd", "pcm3"], table.Rows.Select(r => r.Id));
        Assert.Equal([29.6, 28.2], PaperRow("pcm3-table5", "random-init"));
        Assert.Equal([50.9, 49.1], PaperRow("pcm3-table5", "ms2l"));
        Assert.Equal([52.8, 50.5], PaperRow("pcm3-table5", "crrl"));
        Assert.Equal([55.1, 54.2], PaperRow("pcm3-table5", "isc"));
        Assert.Equal([59.4, 59.2], PaperRow("pcm3-table5", "cmd"));
        Assert.Equal([61.8, 61.3], PaperRow("pcm3-table5", "pcm3"));
        foreach (var row in new[] { "random-init", "pcm3" })
        {
            var spec = Spec("pcm3-table5", row, "map-a");
            Assert.Equal(spec, Spec("pcm3-table5", row, "map-v"));                               // one experiment per row
            Assert.Equal(("detection", "pku1", "xsub", SkeletonStream.Joint), (spec.Protocol, spec.Dataset, spec.Split, spec.Streams.Single()));
            Assert.Equal(("ntu60", "xsub"), (spec.Pretrains.Single().Dataset, spec.Pretrains.Single().Split));
            Assert.Empty(spec.ProtocolOptions);                                                  // the paper's whole-model fine-tuning
        }
        Assert.Equal(RandomInitConfig.Gru, Spec("pcm3-table5", "random-init", "map-a").Method);
        // PCM3's encoder is Table 1's NTU-60 xsub pre-training: one run for both tables.
        Assert.Equal(Spec("pcm3-table1", "pcm3", "ntu60-xsub").Pretrains, Spec("pcm3-table5", "pcm3", "map-a").Pretrains);
        Assert.All(new[] { "ms2l", "crrl", "isc", "cmd" }, r => Assert.Null(table.Row(r).Cell("map-a")!.Spec));
    }

    [Fact]
    public void Table7_evaluates_four_pretrainings_by_five_protocols_the_pcm3_row_sharing_tables_1_and_3_to_6()
    {
        var table = Table("pcm3-table7");
        Assert.Equal(["recognition", "retrieval", "occlusion", "detection", "motion"], table.Columns.Select(c => c.Id));
        Assert.Equal(["masked-prediction", "contrastive", "multi-task", "pcm3"], table.Rows.Select(r => r.Id));
        Assert.All(table.Rows, r => Assert.False(r.PaperOnly));
        Assert.Equal([14.7, 64.4, 11.7, 47.0, 102.8], PaperRow("pcm3-table7", "masked-prediction"));
        Assert.Equal([87.3, 84.5, 76.6, 58.4, 147.3], PaperRow("pcm3-table7", "contrastive"));
        Assert.Equal([87.5, 85.1, 77.4, 59.7, 103.9], PaperRow("pcm3-table7", "multi-task"));
        Assert.Equal([90.4, 88.8, 87.0, 61.8, 101.7], PaperRow("pcm3-table7", "pcm3"));
        Assert.Equal(MetricDirection.LowerIsBetter, table.Column("motion").Unit.Direction);
        // The paper's "Ours" row is the other tables' PCM3: each cell the same experiment as theirs.
        Assert.Equal(Spec("pcm3-table1", "pcm3", "ntu60-xview"), Spec("pcm3-table7", "pcm3", "recognition"));
        Assert.Equal(Spec("pcm3-table3", "pcm3", "ntu60-xview"), Spec("pcm3-table7", "pcm3", "retrieval"));
        Assert.Equal(Spec("pcm3-table4", "pcm3", "spatial-xview"), Spec("pcm3-table7", "pcm3", "occlusion"));
        Assert.Equal(Spec("pcm3-table5", "pcm3", "map-a"), Spec("pcm3-table7", "pcm3", "detection"));
        Assert.Equal(Spec("pcm3-table6", "pcm3", "mpjpe"), Spec("pcm3-table7", "pcm3", "motion"));
        var configs = table.Rows.Select(r => Spec("pcm3-table7", r.Id, "recognition").Method).ToArray();
        Assert.Equal<MethodConfig>([Pcm3Config.MaskedPredictionOnly, Pcm3Config.ContrastiveOnly, Pcm3Config.MultiTask, Pcm3Config.Paper], configs);
        // Each variant pre-trains once per dataset split it needs (NTU-60 xview for three columns, xsub for two).
        foreach (var row in table.Rows.Select(r => r.Id))
            Assert.Equal(2, table.Columns.Select(c => Spec("pcm3-table7", row, c.Id).Pretrains.Single()).Distinct().Count());
        Assert.True(Catalog.Default.CanRun(table));
    }

    [Fact]
    public void Table10_crosses_the_mask_ratio_with_the_masking_strategy()
    {
        var table = Table("pcm3-table10");
        Assert.Equal(["topology", "random"], table.Columns.Select(c => c.Id));
        Assert.Equal(["ratio-20", "ratio-40", "ratio-60", "ratio-80"], table.Rows.Select(r => r.Id));
        Assert.Equal([90.2, 89.5], PaperRow("pcm3-table10", "ratio-40"));
        foreach (var (row, ratio) in new[] { ("ratio-20", 0.2), ("ratio-40", 0.4), ("ratio-60", 0.6), ("ratio-80", 0.8) })
        {
            var topology = Assert.IsType<Pcm3Config>(Spec("pcm3-table10", row, "topology").Method);
            var random = Assert.IsType<Pcm3Config>(Spec("pcm3-table10", row, "random").Method);
            Assert.Equal((ratio, Pcm3Masking.Topology), (topology.MaskRatio, topology.Masking));
            Assert.Equal((ratio, Pcm3Masking.Random), (random.MaskRatio, random.Masking));
            Assert.Equal(Pcm3Config.Paper with { MaskRatio = ratio, Masking = Pcm3Masking.Random }, random);
        }
        Assert.Equal(8, table.Experiments.Count());
    }

    [Fact]
    public void The_same_config_on_the_same_data_is_one_experiment_across_tables()
    {
        // The paper's PCM3, joint stream, linear on NTU-60 xview: Table 1, Table 9's full row, Table 10's 60 % topology cell.
        (string Table, string Row, string Column, double Paper)[] paperConfig =
        [
            ("pcm3-table1", "pcm3", "ntu60-xview", 90.4), ("pcm3-table9", "domain-task", "recognition", 90.4),
            ("pcm3-table10", "ratio-60", "topology", 90.4),
        ];
        Assert.Single(paperConfig.Select(c => Spec(c.Table, c.Row, c.Column).Hash).Distinct());
        Assert.All(paperConfig, c => Assert.Equal(c.Paper, Table(c.Table).Row(c.Row).Cell(c.Column)!.Paper));
        // Without prompts: Table 8's last row is Table 9's first (90.0 in both).
        Assert.Equal(Spec("pcm3-table8", "all", "ntu60-xview").Hash, Spec("pcm3-table9", "none", "recognition").Hash);
        Assert.Equal(Table("pcm3-table8").Row("all").Cell("ntu60-xview")!.Paper, Table("pcm3-table9").Row("none").Cell("recognition")!.Paper);
        // The ablations' other cells are experiments of their own.
        var all = Catalog.Default.Tables.Values.Where(t => t.Id.StartsWith("pcm3-", StringComparison.Ordinal)).SelectMany(t => t.Experiments).ToList();
        Assert.Equal(all.Distinct().Count(), all.Select(s => s.Hash).Distinct().Count());
        var intraInterKl = Pcm3Config.Paper with { DomainPrompts = false, TaskPrompts = false, MaskView = false, PredictView = false };
        Assert.Equal(new PretrainSpec(intraInterKl, SkeletonStream.Joint, "ntu60", "xview").Hash,
                     Spec("pcm3-table8", "kl", "ntu60-xview").Pretrains.Single().Hash);
    }

    [Fact]
    public void Every_pcm3_claim_holds_on_the_papers_numbers()
    {
        foreach (var table in Catalog.Default.Tables.Values.Where(t => t.Id.StartsWith("pcm3-", StringComparison.Ordinal)))
        {
            Assert.NotEmpty(table.Claims);
            Assert.All(table.Claims, c => Assert.Equal(ClaimVerdict.Holds, table.CheckOnPaper(c).Verdict));
        }
    }

    [Fact]
    public void A_claim_fails_on_the_paper_side_when_a_number_is_mistyped()
    {
        // The validation catches a copying error: were Table 10's 40 % topology cell printed above the 60 % one, the claim breaks.
        var table = Table("pcm3-table10");
        var mistyped = table with
        {
            Rows = [.. table.Rows.Select(r => r.Id != "ratio-40" ? r : r with { Cells = [.. r.Cells.Select(c => c.ColumnId == "topology" ? c with { Paper = 90.5 } : c)] })],
        };
        Assert.Contains("ratio-60-best", Assert.Throws<ArgumentException>(() => mistyped.Validate(Catalog.Default)).Message);
    }
}
