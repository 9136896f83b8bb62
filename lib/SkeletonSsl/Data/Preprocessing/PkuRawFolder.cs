using SkeletonSsl.Data.Splits;
using SkeletonSsl.Data.Synthetic;

namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// A raw PKU-MMD folder as both PKU preparers read it (spec/data.md §5.2-5.4): the skeleton and label folders (the
/// official names or plain ones), the official xsub and xview split files, and the class names (the synthetic set's when
/// it describes itself, else C001…C051).
/// </summary>
internal sealed record PkuRawFolder(string SkeletonDir, string LabelDir, IReadOnlyDictionary<string, PkuSplitFile> Splits,
                                    SyntheticPkuDescription? Synthetic)
{
    private static readonly string[] SkeletonFolders = ["PKU_Skeleton_Renew", "skeleton", "skeletons", "Skeleton"];
    private static readonly string[] LabelFolders = ["Train_Label_PKU_final", "label", "labels", "Label"];

    /// <summary>The class count: the synthetic set's, else PKU-MMD's 51.</summary>
    public int NumClasses => Synthetic?.Config.Classes ?? 51;

    /// <summary>The class names: the synthetic set's, else C001…C051.</summary>
    public string[] Classes => Synthetic?.Classes.ToArray() ?? [.. Enumerable.Range(1, 51).Select(c => $"C{c:000}")];

    /// <summary>Every recording named by either split, in the splits' order (duplicates removed).</summary>
    public string[] Videos => [.. Splits.Values.SelectMany(s => s.Train.Concat(s.Val)).Distinct()];

    /// <summary>The skeleton file of a recording.</summary>
    public string SkeletonPath(string video) => Path.Combine(SkeletonDir, video + ".txt");

    /// <summary>The label file of a recording.</summary>
    public string LabelPath(string video) => Path.Combine(LabelDir, video + ".txt");

    /// <summary>Opens <paramref name="rawDir"/>; throws naming the folder or split file that is missing.</summary>
    public static PkuRawFolder Open(string dataset, string rawDir, string? splitsDir)
    {
        if (!Directory.Exists(rawDir)) throw new DirectoryNotFoundException($"{rawDir}: raw folder not found");
        var splits = new[] { "xsub", "xview" }.ToDictionary(b => b, b => PkuSplitFile.Read(PkuSplitFile.Locate(dataset, b, rawDir, splitsDir)));
        return new PkuRawFolder(Find(rawDir, SkeletonFolders, "skeleton"), Find(rawDir, LabelFolders, "label"), splits,
                                SyntheticPkuDescription.TryRead(rawDir));
    }

    private static string Find(string rawDir, string[] candidates, string what) =>
        candidates.Select(c => Path.Combine(rawDir, c)).FirstOrDefault(Directory.Exists)
        ?? throw new DirectoryNotFoundException($"{rawDir}: no {what} folder (looked for {string.Join(", ", candidates)})");
}
