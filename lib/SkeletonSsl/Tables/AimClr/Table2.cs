using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;
using static SkeletonSsl.Tables.AimClr.AimClrPaper;

namespace SkeletonSsl.Tables.AimClr;

/// <summary>
/// AimCLR Table 2: linear evaluation of AimCLR against SkeletonCLR per stream and fused, on NTU-60,
/// PKU-MMD part I and NTU-120 (§4.3). Next to each accuracy column the paper prints a Δ on the AimCLR
/// rows only: "the gain compared to SkeletonCLR using the same stream data" (the caption), i.e. the
/// AimCLR row minus the SkeletonCLR row of the same stream (3s: of the fused rows) in that column. The
/// table defines them as derived "gain" columns: each printed Δ is checked against the paper's own
/// accuracies, and the same formula gives our gain from our runs. (The comparison's own Δ, ours minus
/// the paper's, is a different quantity.) Notebook: notebooks/AimCLR/Table2-vs-skeletonclr.ipynb.
/// </summary>
public static class Table2
{
    // Declared before Definition: static initialisers run in textual order.
    private static readonly (string Id, string Header, string Dataset, string Split)[] Columns =
    [
        ("ntu60-xsub", "NTU-60 xsub", "ntu60", "xsub"),
        ("ntu60-xview", "NTU-60 xview", "ntu60", "xview"),
        ("pku1-xsub", "PKU part I", "pku1", "xsub"),
        ("ntu120-xsub", "NTU-120 xsub", "ntu120", "xsub"),
        ("ntu120-xset", "NTU-120 xset", "ntu120", "xset"),
    ];

    // The Δ the paper prints on each AimCLR row, per column in the order above.
    private static readonly (string Stream, double[] Printed)[] Gains =
    [
        ("joint", [6.0, 3.3, 2.5, 6.6, 7.5]),
        ("motion", [13.5, 19.8, 8.6, 17.7, 14.2]),
        ("bone", [3.8, 9.6, 9.4, 14.5, 11.4]),
        ("3s", [3.9, 4.0, 2.5, 7.5, 6.2]),
    ];

    public static TableDefinition Definition { get; } = Build();

    private static TableDefinition Build()
    {
        var b = new TableBuilder("aimclr-table2",
                "Table 2: Linear evaluation results compared with SkeletonCLR on NTU-60, PKU-MMD, and NTU-120 dataset.",
                Citation,
                "Linear evaluation (frozen encoder, linear classifier) of SkeletonCLR and AimCLR per stream " +
                "(joint, motion, bone) and with 3-stream fusion (weights 0.6 joint, 0.6 bone, 0.4 motion). The gain columns are " +
                "the paper's Δ: AimCLR minus SkeletonCLR on the same stream, derived from the accuracies for the paper and for us.",
                "notebooks/AimCLR/Table2-vs-skeletonclr.ipynb")
            .PaperMethod("AimCLR");
        foreach (var (id, header, dataset, split) in Columns)
            b.Column(id, header, dataset, split).DerivedColumn($"{id}-gain", $"{header} gain", MetricUnit.PercentagePoints);
        (string Name, SkeletonStream Stream, double?[] SkeletonClr, double?[] AimClr)[] streams =
        [
            ("joint", SkeletonStream.Joint, [68.3, 76.4, 80.9, 56.8, 55.9], [74.3, 79.7, 83.4, 63.4, 63.4]),
            ("motion", SkeletonStream.Motion, [53.3, 50.8, 63.4, 39.6, 40.2], [66.8, 70.6, 72.0, 57.3, 54.4]),
            ("bone", SkeletonStream.Bone, [69.4, 67.4, 72.6, 48.4, 52.0], [73.2, 77.0, 82.0, 62.9, 63.4]),
        ];
        foreach (var (name, stream, skeletonClr, aimClr) in streams)
        {
            b.Row($"skeletonclr-{name}", $"SkeletonCLR ({name})", skeletonClr, c => One(SkeletonClrConfig.Paper, stream, c));
            b.Row($"aimclr-{name}", $"AimCLR ({name})", aimClr, c => One(AimClrConfig.Paper, stream, c));
        }
        b.Row("3s-skeletonclr", "3s-SkeletonCLR (joint+motion+bone)", [75.0, 79.8, 85.3, 60.7, 62.6], c => Three(SkeletonClrConfig.Paper, c))
         .Row("3s-aimclr", "3s-AimCLR (joint+motion+bone)", [78.9, 83.8, 87.8, 68.2, 68.8], c => Three(AimClrConfig.Paper, c));
        foreach (var (stream, printed) in Gains)
        {
            var (aimClr, skeletonClr) = Pair(stream);
            for (int i = 0; i < Columns.Length; i++)
                b.Derive(aimClr, $"{Columns[i].Id}-gain", CellFormula.Cell(Columns[i].Id) - CellFormula.Cell(skeletonClr, Columns[i].Id), printed[i]);
        }
        string[] measured = [.. Columns.Select(c => c.Id)];
        string[] single = ["joint", "motion", "bone"];
        return b
            .Claim("aimclr-beats-skeletonclr-per-stream",
                   "AimCLR beats SkeletonCLR on every stream (joint, motion, bone) of every dataset", "§4.3",
                   from s in single from c in measured select ClaimComparison.Of($"aimclr-{s}", $"skeletonclr-{s}", c))
            .ClaimBetter("3s-aimclr-beats-3s-skeletonclr", "3s-AimCLR far exceeds 3s-SkeletonCLR on the three datasets", "§4.3",
                         "3s-aimclr", ["3s-skeletonclr"])
            .Claim("motion-and-bone-gains",
                   "The gains in the motion and bone streams are significant: larger than the joint stream's gain " +
                   "(for bone, everywhere but NTU-60 xsub, where the paper's bone gain 3.8 is below the joint's 6.0)", "§4.3",
                   (from c in measured select ClaimComparison.Of("aimclr-motion", "aimclr-joint", $"{c}-gain"))
                   .Concat(from c in measured.Skip(1) select ClaimComparison.Of("aimclr-bone", "aimclr-joint", $"{c}-gain")))
            .Claim("fusion-beats-single-streams",
                   "Three-stream fusion beats each of its single streams, for SkeletonCLR and for AimCLR", "Table 2's numbers (§4.2, fusion)",
                   from m in new[] { "skeletonclr", "aimclr" } from s in single from c in measured
                   select ClaimComparison.Of($"3s-{m}", $"{m}-{s}", c))
            .Build();
    }

    private static (string AimClr, string SkeletonClr) Pair(string stream) =>
        stream == "3s" ? ("3s-aimclr", "3s-skeletonclr") : ($"aimclr-{stream}", $"skeletonclr-{stream}");
}
