using SkeletonSsl.Experiments;
using static SkeletonSsl.Tables.CellFormula;
using static SkeletonSsl.Tables.Pcm3.Pcm3Paper;

namespace SkeletonSsl.Tables.Pcm3;

/// <summary>
/// PCM3 Table 4: action recognition with occlusion (§4.3 item 3; spec/pcm3.md §8.6) on NTU-60 xsub and xview. The
/// linear classifier trained on clean clips (the method's linear recipe) is evaluated on occluded copies of the test set:
/// spatial (2 or 3 of the 5 body parts zeroed in all frames) and temporal (one contiguous block of 30-70 % of the valid
/// frames zeroed), see <see cref="Evaluation.OcclusionRobustness"/>. Δ↓ is "the average performance reduction compared
/// to that without occlusion": mean over xsub and xview of (clean top-1 − occluded top-1), a derived cell, lower is
/// better. Table 4 does not print the clean accuracies, so the table carries them in two measured columns of its own
/// (Clean xsub, Clean xview: the same run's clean top-1) for our Δ↓; on the paper's side those cells are blank and Δ↓
/// is shown as printed. The printed Δ↓ agrees with Table 1's clean numbers (PCM3: (83.9 − 80.8 + 90.4 − 87.0)/2 = 3.25
/// → 3.3) and, for AimCLR, with the AimCLR paper's joint stream (74.3, 79.7): the paper's AimCLR row is the joint
/// stream; the tests check this. MoCo-GRU is the kit's SkeletonCLR on the CMD GRU (CMD's MoCo v2 baseline); AimCLR runs
/// with its own config on the joint stream (the pre-training of AimCLR Tables 2 and 4's joint rows); PCM3 is Table 1's
/// joint-stream pre-training. Each row and split is one experiment of the "occlusion" protocol, whose metrics fill the
/// clean, spatial and temporal columns. Notebook: notebooks/PCM3/Table4-occlusion.ipynb.
/// </summary>
public static class Table4
{
    // Declared before Definition: static initialisers run in textual order.

    /// <summary>Δ↓: a reduction in percentage points, where a smaller one is better.</summary>
    private static readonly MetricUnit Reduction = MetricUnit.PercentagePoints.Reversed with { Name = "percentage-point reduction" };

    private static readonly string[] Splits = ["xsub", "xview"];

    private static readonly string[] Kinds = ["spatial", "temporal"];

    public static TableDefinition Definition { get; } = Build();

    private static TableDefinition Build()
    {
        var b = new TableBuilder("pcm3-table4", "Table 4: Action recognition with occlusion results. Δ↓ represents the average performance " +
                                                "reduction compared to that without occlusion.", Citation,
                "Recognition under occlusion on NTU-60: the clean linear classifier (frozen encoder, the method's linear recipe) " +
                "evaluated on spatially (whole body parts zeroed in all frames) and temporally (a block of frames zeroed) occluded " +
                "copies of the test set, occlusion ratio U(0.3, 0.7), fixed seeds. Δ↓ = mean over xsub and xview of (clean − " +
                "occluded top-1), derived; the Clean columns, which Table 4 does not print, hold our clean top-1 for it (the paper's " +
                "Δ↓ is shown as printed). MoCo-GRU (SkeletonCLR on the GRU), AimCLR (its own config, joint stream) and PCM3 (joint " +
                "stream) are rerun; other methods are quoted from the paper.",
                "notebooks/PCM3/Table4-occlusion.ipynb");
        foreach (var kind in Kinds)
        {
            string header = kind == "spatial" ? "Spatial Occ." : "Temporal Occ.";
            foreach (var split in Splits) b.Column($"{kind}-{split}", $"{header} {split}", "ntu60", split, metric: $"{kind}-top1");
            b.DerivedColumn($"{kind}-delta", $"{header} Δ↓", Reduction);
        }
        foreach (var split in Splits) b.Column($"clean-{split}", $"Clean {split}", "ntu60", split, metric: "top1");
        // Paper values per measured column: spatial xsub, xview, temporal xsub, xview; the clean columns are not printed.
        b.Row("moco-gru", "MoCo-GRU", [64.8, 72.6, 68.8, 74.8, null, null], c => One(SkeletonClrConfig.Gru, c, "occlusion"),
              "the kit's SkeletonCLR on the CMD GRU with CMD's pipeline and recipes (CMD's MoCo v2 baseline)")
         .PaperOnly("isc", "ISC", [62.8, 70.6, 68.9, 76.8, null, null])
         .PaperOnly("crrl", "CRRL", [56.8, 61.4, 61.0, 66.2, null, null])
         .Row("aimclr", "AimCLR", [54.9, 58.5, 54.1, 58.6, null, null], c => One(AimClrConfig.Paper, c, "occlusion"),
              "AimCLR's own config (ST-GCN, its pipeline and linear recipe), joint stream: the pre-training of AimCLR Tables 2 and 4's joint rows")
         .PaperOnly("cmd", "CMD", [67.1, 72.7, 72.7, 79.5, null, null],
                    "another method (the kit's GRU encoder and recipes are CMD's, its MoCo baseline is the MoCo-GRU row); not rerun")
         .Row("pcm3", "PCM3 (ours)", [80.8, 87.0, 77.6, 86.1, null, null], c => One(Pcm3Config.Paper, c, "occlusion"),
              "the joint stream, Table 1's pre-training, the clean classifier trained with the CMD linear recipe")
         .PaperMethod("PCM3");
        // The Δ↓ the paper prints, spatial then temporal. Every row gets the formula (ours, where both inputs are run); the
        // paper's value is the printed one, since the table has no paper clean numbers to compute it from.
        (string Row, double Spatial, double Temporal)[] printed =
        [
            ("moco-gru", 12.4, 9.3), ("isc", 14.1, 7.9), ("crrl", 11.6, 7.1), ("aimclr", 20.3, 20.7), ("cmd", 13.3, 7.1), ("pcm3", 3.3, 5.4),
        ];
        foreach (var (row, spatial, temporal) in printed)
        {
            b.Derive(row, "spatial-delta", Reduced("spatial"), spatial);
            b.Derive(row, "temporal-delta", Reduced("temporal"), temporal);
        }
        string[] others = ["moco-gru", "isc", "crrl", "aimclr", "cmd"];
        string[] occluded = [.. Kinds.SelectMany(k => Splits.Select(s => $"{k}-{s}"))];
        return b
            .ClaimBetter("pcm3-best-under-occlusion",
                         "PCM3 shows significant improvements in both occlusion scenarios: the best occluded accuracy on xsub and xview, " +
                         "spatial and temporal", "§4.3 item 3", "pcm3", others, occluded)
            .ClaimBetter("pcm3-smallest-reduction",
                         "PCM3 has the minimal performance degradation compared to that under clean data: the smallest Δ↓, spatial and temporal",
                         "§4.3 item 3", "pcm3", others, ["spatial-delta", "temporal-delta"])
            .Claim("pcm3-handles-spatial-occlusion",
                   "Thanks to its topology-based masked pre-training PCM3 handles spatial occlusion well, and the ability extends to " +
                   "temporal occlusion: it loses less under spatial than under temporal occlusion (Δ↓ 3.3 vs 5.4)", "§4.3 item 3",
                   [new ClaimComparison(new CellAddress("pcm3", "spatial-delta"), new CellAddress("pcm3", "temporal-delta"))])
            .Build();
    }

    /// <summary>Δ↓ of one occlusion kind: mean over xsub and xview of (clean − occluded) in the row's own cells (spec/pcm3.md §8.6).</summary>
    private static CellFormula Reduced(string kind) =>
        Mean([.. Splits.Select(s => Cell($"clean-{s}") - Cell($"{kind}-{s}"))]);
}
