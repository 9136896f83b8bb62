namespace SkeletonSsl.Data.Splits;

/// <summary>
/// The official "samples with missing skeletons" lists (spec/data.md §1.3): two sentence lines, a
/// blank line, then one 20-character stem per line. As in ST-GCN, every stripped line is a
/// candidate name, so the header lines simply match nothing; names may carry ".skeleton".
/// </summary>
public static class KnownMissingList
{
    public const string Ntu60FileName = "NTU_RGBD_samples_with_missing_skeletons.txt";
    public const string Ntu120FileName = "NTU_RGBD120_samples_with_missing_skeletons.txt";

    /// <summary>The official file name for a dataset ("ntu60", "ntu120").</summary>
    public static string OfficialFileName(string dataset) => dataset == "ntu120" ? Ntu120FileName : Ntu60FileName;

    /// <summary>Reads the stems (without ".skeleton") of a list file.</summary>
    public static IReadOnlySet<string> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: missing-skeleton list not found", path);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.EndsWith(".skeleton", StringComparison.Ordinal)) line = line[..^".skeleton".Length];
            names.Add(line);
        }
        return names;
    }

    /// <summary>
    /// The list to honour when preparing <paramref name="rawDir"/>: the user's file if given, else the
    /// official file name inside the raw folder or its parent. A missing list is an error naming the
    /// expected official file.
    /// </summary>
    public static string Locate(string dataset, string rawDir, string? userPath)
    {
        if (userPath is not null)
            return File.Exists(userPath) ? userPath : throw new FileNotFoundException($"{userPath}: missing-skeleton list not found", userPath);
        string official = OfficialFileName(dataset);
        foreach (string dir in new[] { rawDir, Path.GetDirectoryName(Path.GetFullPath(rawDir).TrimEnd(Path.DirectorySeparatorChar)) ?? rawDir })
        {
            string candidate = Path.Combine(dir, official);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(
            $"{Path.Combine(rawDir, official)}: the official list of samples with missing skeletons is required to prepare {dataset}; " +
            $"pass it with --ignore FILE (it is '{official}' in the Matlab/ folder of the dataset authors' NTURGB-D repository) or place it in the raw folder");
    }
}
