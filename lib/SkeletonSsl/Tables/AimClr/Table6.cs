using SkeletonSsl.Experiments;
using static SkeletonSsl.Tables.AimClr.AimClrPaper;

namespace SkeletonSsl.Tables.AimClr;

/// <summary>
/// AimCLR Table 6: linear evaluation on NTU-120, cross-subject and cross-setup (§4.4).
/// Notebook: notebooks/AimCLR/Table6-linear-ntu120.ipynb.
/// </summary>
public static class Table6
{
    public static TableDefinition Definition { get; } =
        new TableBuilder("aimclr-table6", "Table 6: Linear evaluation results on NTU-120 dataset.", Citation,
                "Linear evaluation on NTU-120 xsub and xset; prior methods are quoted from the paper.",
                "notebooks/AimCLR/Table6-linear-ntu120.ipynb")
            .Column("ntu120-xsub", "xsub", "ntu120", "xsub")
            .Column("ntu120-xset", "xset", "ntu120", "xset")
            .PaperOnly("p-and-c", "P&C (CVPR 20)", [42.7, 41.7])
            .PaperOnly("as-cal", "AS-CAL (Information Sciences 21)", [48.6, 49.2])
            .PaperOnly("3s-crossclr-cs", "3s-CrosSCLR (CVPR 21)§", [67.9, 66.7], CrossStreamNote)
            .PaperOnly("isc", "ISC (ACM MM 21)", [67.9, 67.1])
            .PaperOnly("3s-aimclr-cs", "3s-AimCLR (ours)§", [68.0, 68.7], CrossStreamNote)
            .Row("3s-aimclr", "3s-AimCLR (ours)", [68.2, 68.8], c => Three(AimClrConfig.Paper, c))
            .PaperMethod("AimCLR")
            .ClaimBetter("aimclr-best-ntu120",
                         "3s-AimCLR defeats the other self-supervised methods on NTU-120 (68.2 vs ISC's 67.9 on xsub, 68.8 vs 67.1 on xset)",
                         "§4.4", "3s-aimclr", ["p-and-c", "as-cal", "3s-crossclr-cs", "isc"])
            .Build();
}
