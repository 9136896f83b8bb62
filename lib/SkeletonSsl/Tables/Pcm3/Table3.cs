using SkeletonSsl.Experiments;
using static SkeletonSsl.Tables.Pcm3.Pcm3Paper;

namespace SkeletonSsl.Tables.Pcm3;

/// <summary>
/// PCM3 Table 3: action retrieval with the joint stream (§4.3): the label of the nearest training clip (KNN, k = 1) on
/// frozen features. The kit reruns PCM3 with CMD's protocol (spec/pcm3.md §8.2): eval mode, 0.95 centre crops of both
/// splits, L2-normalised features, cosine similarity; no training. Its encoders are Table 1's.
/// Notebook: notebooks/PCM3/Table3-retrieval.ipynb.
/// </summary>
public static class Table3
{
    public static TableDefinition Definition { get; } =
        new TableBuilder("pcm3-table3", "Table 3: Action retrieval results with joint stream.", Citation,
                "1-nearest-neighbour retrieval (cosine similarity of L2-normalised features of the 0.95 centre crop) on NTU-60 and NTU-120, " +
                "joint stream; other methods are quoted from the paper.",
                "notebooks/PCM3/Table3-retrieval.ipynb")
            .Column("ntu60-xsub", "NTU-60 xsub", "ntu60", "xsub")
            .Column("ntu60-xview", "NTU-60 xview", "ntu60", "xview")
            .Column("ntu120-xsub", "NTU-120 xsub", "ntu120", "xsub")
            .Column("ntu120-xset", "NTU-120 xset", "ntu120", "xset")
            .PaperOnly("long-tgan", "LongT GAN", [39.1, 48.1, 31.5, 35.5])
            .PaperOnly("isc", "ISC", [62.5, 82.6, 50.6, 52.3])
            .PaperOnly("crrl", "CRRL", [60.7, 75.2, null, null])
            .PaperOnly("cmd", "CMD", [70.6, 85.4, 58.3, 60.9])
            .PaperOnly("halp", "HaLP", [65.8, 83.6, 55.8, 59.0])
            .Row("pcm3", "PCM3 (ours)", [73.7, 88.8, 63.1, 66.8], c => One(Pcm3Config.Paper, c, "knn"),
                 "the joint stream, CMD's 1-NN retrieval")
            .PaperMethod("PCM3")
            .ClaimBetter("pcm3-best-retrieval",
                         "PCM3 achieves the best retrieval results, surpassing the other state-of-the-art methods by a large margin", "§4.3",
                         "pcm3", ["long-tgan", "isc", "crrl", "cmd", "halp"])
            .Build();
}
