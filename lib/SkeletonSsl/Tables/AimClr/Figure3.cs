using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;
using static SkeletonSsl.Tables.AimClr.AimClrPaper;

namespace SkeletonSsl.Tables.AimClr;

/// <summary>
/// AimCLR Fig. 3: KNN accuracy of SkeletonCLR and AimCLR (§4.4). The text gives no numbers and only
/// says "on the two datasets"; reconstruction: the joint stream on NTU-60 (xsub, xview) and NTU-120
/// (xsub, xset), the datasets of Table 2 with both splits. Notebook: notebooks/AimCLR/Figure3-knn.ipynb.
/// </summary>
public static class Figure3
{
    public static TableDefinition Definition { get; } =
        new TableBuilder("aimclr-fig3", "Figure 3: Comparison of KNN accuracy of SkeletonCLR and our AimCLR.", Citation,
                "KNN classification on frozen features (no trained weights); the paper shows bars without numbers.",
                "notebooks/AimCLR/Figure3-knn.ipynb", TableKind.Figure)
            .Column("ntu60-xsub", "NTU-60 xsub", "ntu60", "xsub")
            .Column("ntu60-xview", "NTU-60 xview", "ntu60", "xview")
            .Column("ntu120-xsub", "NTU-120 xsub", "ntu120", "xsub")
            .Column("ntu120-xset", "NTU-120 xset", "ntu120", "xset")
            .Row("skeletonclr", "SkeletonCLR", [null, null, null, null], c => One(SkeletonClrConfig.Paper, SkeletonStream.Joint, c, "knn"))
            .Row("aimclr", "AimCLR", [null, null, null, null], c => One(AimClrConfig.Paper, SkeletonStream.Joint, c, "knn"))
            .PaperMethod("AimCLR")
            .ClaimBetter("aimclr-knn-beats-skeletonclr",
                         "Under the KNN classifier AimCLR is better than SkeletonCLR on the datasets (the bars of the figure)", "§4.4",
                         "aimclr", ["skeletonclr"], evidence: ClaimEvidence.Figure)
            .Build();
}
