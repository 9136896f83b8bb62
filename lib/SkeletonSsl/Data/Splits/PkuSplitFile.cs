using SkeletonSsl.Data.Formats;
namespace SkeletonSsl.Data.Splits;

/// <summary>
/// An official PKU-MMD split file (spec/data.md §5.4): line 1 "Training videos: ", line 2 the
/// video ids separated by ", " (trailing ", "), line 3 "Validataion videos: " (sic), line 4 the test
/// ids. Every action instance inherits its video's side.
/// </summary>
public sealed record PkuSplitFile(IReadOnlyList<string> Train, IReadOnlyList<string> Val)
{
    /// <summary>Official file names per part and benchmark: Part I cross-subject.txt / cross-view.txt, Part II *_v2.txt.</summary>
    public static string OfficialFileName(string dataset, string benchmark) => (dataset, benchmark) switch
    {
        ("pku1", "xsub") => "cross-subject.txt",
        ("pku1", "xview") => "cross-view.txt",
        ("pku2", "xsub") => "cross_subject_v2.txt",
        ("pku2", "xview") => "cross_view_v2.txt",
        _ => throw new ArgumentException($"no PKU-MMD split '{benchmark}' for '{dataset}': expected pku1 or pku2 with xsub or xview"),
    };

    public static PkuSplitFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: PKU-MMD split file not found", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length < 4) throw new DataFormatException(path, $"expected 4 lines (header, training ids, header, validation ids), got {lines.Length}", lines.Length);
        if (!lines[0].TrimStart().StartsWith("Training", StringComparison.OrdinalIgnoreCase))
            throw new DataFormatException(path, $"expected 'Training videos:', found '{lines[0].Trim()}'", 1);
        if (!lines[2].TrimStart().StartsWith("Valid", StringComparison.OrdinalIgnoreCase))
            throw new DataFormatException(path, $"expected 'Validataion videos:', found '{lines[2].Trim()}'", 3);
        string[] Ids(string line) => line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var split = new PkuSplitFile(Ids(lines[1]), Ids(lines[3]));
        var both = split.Train.Intersect(split.Val).ToArray();
        if (both.Length > 0) throw new DataFormatException(path, $"video '{both[0]}' is both a training and a validation video", 4);
        return split;
    }

    /// <summary>Writes the file in the official layout (atomically).</summary>
    public void Write(string path)
    {
        AtomicFile.WriteAllText(path, "Training videos: \n" + string.Concat(Train.Select(v => v + ", ")) + "\nValidataion videos: \n" + string.Concat(Val.Select(v => v + ", ")) + "\n");
    }

    /// <summary>
    /// Locates the official file for <paramref name="dataset"/>/<paramref name="benchmark"/> in
    /// <paramref name="splitsDir"/> (or raw/Split when null); a missing file is an error naming it.
    /// </summary>
    public static string Locate(string dataset, string benchmark, string rawDir, string? splitsDir)
    {
        string name = OfficialFileName(dataset, benchmark);
        string[] candidates = splitsDir is not null ? [Path.Combine(splitsDir, name)] : [Path.Combine(rawDir, "Split", name), Path.Combine(rawDir, name)];
        return candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            $"{candidates[0]}: the official PKU-MMD split file '{name}' is required for {dataset} {benchmark}; pass its folder with --splits DIR " +
            "(it ships with the dataset in the folder 'Split')", candidates[0]);
    }
}
