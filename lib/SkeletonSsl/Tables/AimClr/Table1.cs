using SkeletonSsl.Experiments;
using SkeletonSsl.Methods;
using static SkeletonSsl.Tables.AimClr.AimClrPaper;

namespace SkeletonSsl.Tables.AimClr;

/// <summary>
/// AimCLR Table 1: ablation on NTU-60, 3-stream linear evaluation (§4.3). NA = normal augmentations
/// (3s-SkeletonCLR), EA = extreme augmentations, then D3M (NA+EA), EADM and NNM added in turn.
/// Notebook: notebooks/AimCLR/Table1-ablation.ipynb.
/// </summary>
public static class Table1
{
    public static TableDefinition Definition { get; } =
        new TableBuilder("aimclr-table1", "Table 1: Ablation study results on NTU-60 dataset.", Citation,
                "3-stream linear evaluation on NTU-60 with AimCLR's parts switched on one at a time: normal augmentations " +
                "only (3s-SkeletonCLR), extreme only, both (the D3M loss, Eq. 7), + EADM (§3.3), + NNM (§3.5).",
                "notebooks/AimCLR/Table1-ablation.ipynb")
            .Column("ntu60-xsub", "NTU-60 xsub", "ntu60", "xsub")
            .Column("ntu60-xview", "NTU-60 xview", "ntu60", "xview")
            .Row("na", "w/ NA", [75.0, 79.8], c => Three(SkeletonClrConfig.Paper, c),
                 "3s-SkeletonCLR: normal augmentations (Shear, Crop) only")
            .Row("ea", "w/ EA", [71.3, 77.8], c => Three(SkeletonClrConfig.Paper with { NormalAugmentation = AimClrConfig.Paper.ExtremeAugmentation }, c),
                 "SkeletonCLR with the extreme chain in place of the normal augmentations")
            .Row("na-ea", "w/ NA, w/ EA", [77.4, 82.5],
                 c => Three(AimClrConfig.Paper with { DropBranch = false, MiningEpoch = AimClrSettings.Never }, c),
                 "AimCLR without the drop branch and without NNM: InfoNCE + D3M's L_d1")
            .Row("na-ea-eadm", "w/ NA, w/ EA, w/ EADM", [78.2, 82.8],
                 c => Three(AimClrConfig.Paper with { MiningEpoch = AimClrSettings.Never }, c),
                 "AimCLR without NNM: InfoNCE + D3M (L_d1 and L_d2)")
            .Row("full", "w/ NA, w/ EA, w/ EADM, w/ NNM", [78.9, 83.8], c => Three(AimClrConfig.Paper, c),
                 "3s-AimCLR")
            .PaperMethod("AimCLR")
            .ClaimOrder("each-part-adds-accuracy",
                        "Each part adds accuracy on both splits: NA and EA together (the D3M loss's L_d1) beat NA alone, " +
                        "EADM adds more, and the full AimCLR with NNM is best", "§4.3",
                        ["na", "na-ea", "na-ea-eadm", "full"])
            .ClaimOrder("extreme-alone-hurts",
                        "Replacing the normal augmentations with extreme ones alone lowers the accuracy on both splits", "§4.3",
                        ["ea", "na"])
            .Build();
}
