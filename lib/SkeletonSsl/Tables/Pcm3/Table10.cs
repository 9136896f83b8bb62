using SkeletonSsl.Experiments;
using SkeletonSsl.Methods;
using static SkeletonSsl.Tables.Pcm3.Pcm3Paper;

namespace SkeletonSsl.Tables.Pcm3;

/// <summary>
/// PCM3 Table 10: the masking strategy (§4.4): mask ratio 20-80 % with the topology-based mask (whole body parts over
/// clips of 8 frames, int(5·ratio) of the 5 parts; spec/pcm3.md §6.1) against a random mask of the same ratio; linear
/// evaluation on NTU-60 xview. Rows are ratios, columns the two strategies; the 60 % topology cell is the paper's PCM3
/// ("We set mask ratio to 0.6"), the same experiment as Table 1's PCM3 on NTU-60 xview and Table 9's last row.
/// Notebook: notebooks/PCM3/Table10-masking.ipynb.
/// </summary>
public static class Table10
{
    public static TableDefinition Definition { get; } = Build();

    private static TableDefinition Build()
    {
        var b = new TableBuilder("pcm3-table10", "Table 10: Ablation study on the masking strategy.", Citation,
                "Linear evaluation on NTU-60 xview of PCM3 pre-trained with mask ratios 0.2, 0.4, 0.6 and 0.8, topology-based or random masking.",
                "notebooks/PCM3/Table10-masking.ipynb")
            .Column("topology", "Topology-based", AblationDataset, AblationSplit)
            .Column("random", "Random", AblationDataset, AblationSplit)
            .PaperMethod("PCM3");
        (int Percent, double Topology, double Random)[] rows = [(20, 89.8, 89.0), (40, 90.2, 89.5), (60, 90.4, 89.7), (80, 90.1, 89.5)];
        foreach (var (percent, topology, random) in rows)
            b.Row($"ratio-{percent}", $"{percent}%", [topology, random], c => Ablation(Masked(percent, c)),
                  percent == 60 ? "the paper's mask ratio: the topology cell is the paper's PCM3" : null);
        return b
            .Claim("topology-beats-random",
                   "Compared with random masking, the topology-based mask gives better results at every ratio", "§4.4",
                   from r in rows select new ClaimComparison(new CellAddress($"ratio-{r.Percent}", "topology"), new CellAddress($"ratio-{r.Percent}", "random")))
            .ClaimBetter("ratio-60-best", "A mask ratio of 0.6 is best, for either strategy (\"We set mask ratio to 0.6\")", "§4.4",
                         "ratio-60", ["ratio-20", "ratio-40", "ratio-80"])
            .Build();
    }

    /// <summary>The paper's PCM3 with the row's mask ratio and the column's masking (the 60 % topology cell is the paper's config itself).</summary>
    private static Pcm3Config Masked(int percent, TableColumn column) =>
        Pcm3Config.Paper with { MaskRatio = percent / 100.0, Masking = column.Id == "topology" ? Pcm3Masking.Topology : Pcm3Masking.Random };
}
