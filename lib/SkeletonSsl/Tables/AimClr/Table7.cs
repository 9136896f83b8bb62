using SkeletonSsl.Experiments;
using static SkeletonSsl.Tables.AimClr.AimClrPaper;

namespace SkeletonSsl.Tables.AimClr;

/// <summary>
/// AimCLR Table 7: semi-supervised evaluation with 1 % and 10 % of the labels on PKU-MMD and NTU-60
/// (§4.2, §4.4): pre-train on all data, then finetune the whole model on the labelled fraction
/// (spec/aimclr.md §7, §8.4). Notebook: notebooks/AimCLR/Table7-semi.ipynb.
/// </summary>
public static class Table7
{
    // Declared before Definition: static initialisers run in textual order.
    private static readonly string[] Columns = ["pku1-xsub", "pku2-xsub", "ntu60-xsub", "ntu60-xview"];

    public static TableDefinition Definition { get; } = Build();

    private static TableDefinition Build()
    {
        var b = new TableBuilder("aimclr-table7", "Table 7: Semi-supervised evaluation results on PKU-MMD dataset and NTU-60 dataset.",
                Citation,
                "Semi-supervised evaluation: the pre-trained encoder and a linear head are finetuned on 1 % or 10 % " +
                "of the training labels (per class), 3-stream fusion.",
                "notebooks/AimCLR/Table7-semi.ipynb")
            .Column("pku1-xsub", "PKU-MMD part I", "pku1", "xsub")
            .Column("pku2-xsub", "PKU-MMD part II", "pku2", "xsub")
            .Column("ntu60-xsub", "NTU-60 xsub", "ntu60", "xsub")
            .Column("ntu60-xview", "NTU-60 xview", "ntu60", "xview");
        (string Id, string Group, string Fraction, double?[][] Paper)[] settings =
        [
            ("1", "1% labeled data:", "0.01",
            [
                [35.8, 12.4, 35.2, null], [36.4, 13.0, 33.1, null], [37.7, null, 35.7, 38.1],
                [49.7, 10.2, 51.1, 50.0], [null, null, 48.3, 52.5], [57.5, 15.1, 54.8, 54.3],
            ]),
            ("10", "10% labeled data:", "0.1",
            [
                [69.5, 25.7, 62.0, null], [70.3, 26.1, 65.2, null], [72.1, null, 65.9, 72.5],
                [82.9, 28.6, 74.4, 77.8], [null, null, 71.7, 78.9], [86.1, 33.4, 78.2, 81.6],
            ]),
        ];
        foreach (var (id, group, fraction, p) in settings)
        {
            b.Group(group)
             .PaperOnly($"longt-gan-{id}", "LongT GAN (AAAI 18)", p[0])
             .PaperOnly($"ms2l-{id}", "MS2L (ACM MM 20)", p[1])
             .PaperOnly($"isc-{id}", "ISC (ACM MM 21)", p[2])
             .PaperOnly($"3s-crossclr-{id}", "3s-CrosSCLR (CVPR 21)", p[3])
             .PaperOnly($"3s-colorization-{id}", "3s-Colorization (ICCV 21)", p[4])
             .Row($"3s-aimclr-{id}", "3s-AimCLR (ours)", p[5],
                  c => Three(AimClrConfig.Paper, c, "semi").WithProtocolOption("labelled", fraction));
        }
        string[] methods = ["longt-gan", "ms2l", "isc", "3s-crossclr", "3s-colorization"];
        return b
            .PaperMethod("AimCLR")
            .Claim("aimclr-best-semi",
                   "With 1 % and with 10 % of the labels, 3s-AimCLR is better than the state of the art in every configuration", "§4.4",
                   from id in new[] { "1", "10" } from m in methods from c in Columns
                   select ClaimComparison.Of($"3s-aimclr-{id}", $"{m}-{id}", c))
            .Claim("more-labels-help",
                   "Every method is more accurate with 10 % of the labels than with 1 %", "Table 7's numbers",
                   from m in methods.Append("3s-aimclr") from c in Columns
                   select ClaimComparison.Of($"{m}-10", $"{m}-1", c))
            .Build();
    }
}
