using SkeletonSsl.Data.Formats;
using static TorchSharp.torch;

namespace SkeletonSsl.Data;

/// <summary>
/// Prepared files made by the authors' own scripts, read in place (no conversion):
/// <list type="bullet">
/// <item>AimCLR "frame50" folders: <c>{part}_position.npy</c> (N, 3, 50, 25, 2) float32 with
/// <c>{part}_label.pkl</c> (names, labels) for part train/val (spec/data.md §4.2). A folder holding
/// them is one split named after the folder; a folder of such folders (xsub/, xview/) gives several.</item>
/// <item><c>NTU60_CS.npz</c>-style archives: x_train/x_test (N, 300, 150) float32, rows = actor-1
/// 25×(x, y, z) then actor-2, and one-hot y_train/y_test (§4.4). The split is named from the file:
/// CS/CSub/XSub → xsub, CV/XView → xview, CSet/XSet → xset.</item>
/// </list>
/// Frame counts: frame50 clips are all 50 valid frames; the archives record none, so their valid
/// frames are those up to the last non-zero one (repetition padding, if any, counts as valid).
/// </summary>
internal static class AuthorsFiles
{
    private static readonly string[] Parts = ["train", "val"];

    public static bool IsAimClrFolder(string dir) => Directory.Exists(dir) && Parts.Any(p => File.Exists(Path.Combine(dir, $"{p}_position.npy")));

    /// <summary>Builds the manifest and a loader for an AimCLR folder (or a folder of them) or an .npz archive.</summary>
    public static (PreparedManifest Manifest, Func<string, string, SkeletonDataset> Load) Open(string path, int? numClasses)
    {
        if (File.Exists(path) && path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) return OpenNpz(path, numClasses);
        if (!Directory.Exists(path)) throw new FileNotFoundException($"{path}: neither an AimCLR frame50 folder nor an .npz archive", path);
        var folders = IsAimClrFolder(path) ? [path] : Directory.EnumerateDirectories(path).Where(IsAimClrFolder).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        if (folders.Length == 0)
            throw new FileNotFoundException($"{path}: no AimCLR files ({{train,val}}_position.npy with {{train,val}}_label.pkl) here or in its sub-folders", path);
        var labels = new Dictionary<(string, string), (string[] Names, long[] Labels)>();
        foreach (string folder in folders)
        foreach (string part in Parts)
        {
            string npy = Path.Combine(folder, $"{part}_position.npy"), pkl = Path.Combine(folder, $"{part}_label.pkl");
            if (!File.Exists(npy)) continue;
            if (!File.Exists(pkl)) throw new FileNotFoundException($"{pkl}: AimCLR's label file is missing next to {Path.GetFileName(npy)}", pkl);
            var read = LabelPickle.Read(pkl);
            long n = Npy.ReadHeader(npy).Shape[0];
            if (read.Labels.Length != n) throw new DataFormatException(pkl, $"{read.Labels.Length} labels for {n} clips in {Path.GetFileName(npy)}");
            labels[(Path.GetFileName(folder), part)] = read;
        }
        int classes = numClasses ?? (int)labels.Values.SelectMany(l => l.Labels).DefaultIfEmpty(0).Max() + 1;
        int frames = (int)Npy.ReadHeader(Directory.EnumerateFiles(folders[0], "*_position.npy").First()).Shape[2];
        var splits = folders.Select(f => Path.GetFileName(f)).Select(s => new PreparedSplit(s,
            labels.Where(l => l.Key.Item1 == s).Select(l => new PreparedPart(l.Key.Item2, l.Value.Labels.Length, Histogram(l.Value.Labels, classes))).ToArray())).ToArray();
        var manifest = Manifest("aimclr-authors", classes, frames, splits, path);
        return (manifest, (split, part) =>
        {
            string folder = folders.First(f => Path.GetFileName(f) == split);
            var (names, y) = labels[(split, part)];
            var data = Npy.ReadTensor(Path.Combine(folder, $"{part}_position.npy"));
            if (data.dtype != ScalarType.Float32) data = data.to(ScalarType.Float32);
            return new SkeletonDataset(data, y, names, classes, ValidFrames.Full(y.Length, data.shape[2]));   // frame50: every clip resized to 50 real frames
        });
    }

    private static (PreparedManifest, Func<string, string, SkeletonDataset>) OpenNpz(string path, int? numClasses)
    {
        var members = Npz.List(path).ToDictionary(m => m.Key);
        foreach (string key in new[] { "x_train", "y_train", "x_test", "y_test" })
            if (!members.ContainsKey(key)) throw new DataFormatException(path, $"expected members x_train, y_train, x_test, y_test; '{key}' is missing", field: key);
        string split = SplitName(Path.GetFileNameWithoutExtension(path));
        var labels = new Dictionary<string, long[]>();
        foreach (var (part, key) in new[] { ("train", "y_train"), ("val", "y_test") })
        {
            using var y = Npz.ReadTensor(path, key);
            if (y.dim() != 2) throw new DataFormatException(path, $"expected one-hot (N, classes) labels, got shape ({string.Join(", ", y.shape)})", field: key);
            using var arg = y.argmax(1);
            labels[part] = arg.data<long>().ToArray();
        }
        int classes = numClasses ?? (int)members["y_train"].Header.Shape[1];
        var x = members["x_train"].Header;
        if (x.Shape.Length != 3 || x.Shape[2] != 150) throw new DataFormatException(path, $"expected x of shape (N, T, 150), got {x.ShapeText}", field: "x_train");
        var parts = labels.Select(l => new PreparedPart(l.Key, l.Value.Length, Histogram(l.Value, classes))).ToArray();
        var manifest = Manifest("npz-authors", classes, (int)x.Shape[1], [new PreparedSplit(split, parts)], path);
        return (manifest, (s, part) =>
        {
            using var scope = NewDisposeScope();
            var raw = Npz.ReadTensor(path, part == "train" ? "x_train" : "x_test");
            long n = raw.shape[0], t = raw.shape[1];
            // (N, T, 150) rows = actor × joint × xyz → (N, T, M, V, C) → (N, C, T, V, M), as the feeders reshape.
            var data = raw.to(ScalarType.Float32).reshape(n, t, 2, 25, 3).permute(0, 4, 1, 3, 2).contiguous().MoveToOuterDisposeScope();
            var y = labels[part];
            return new SkeletonDataset(data, y, Enumerable.Range(0, y.Length).Select(i => $"{split}-{part}-{i:000000}").ToArray(), classes);
        });
    }

    /// <summary>The kit's split name for an archive stem such as NTU60_CS, NTU120_CSet or PKUv2_XView.</summary>
    public static string SplitName(string stem)
    {
        string tag = stem.Contains('_') ? stem[(stem.LastIndexOf('_') + 1)..].ToLowerInvariant() : stem.ToLowerInvariant();
        return tag switch
        {
            "cs" or "csub" or "xsub" => "xsub",
            "cv" or "xview" => "xview",
            "cset" or "xset" or "xsetup" => "xset",
            _ => tag,
        };
    }

    private static int[] Histogram(long[] labels, int classes)
    {
        var h = new int[classes];
        foreach (long l in labels)
            if (l >= 0 && l < classes) h[l]++;
        return h;
    }

    private static PreparedManifest Manifest(string pipeline, int classes, int frames, PreparedSplit[] splits, string source) =>
        new(PreparedManifest.CurrentFormat, "authors-files", pipeline, "external", classes,
            Enumerable.Range(0, classes).Select(c => $"class {c}").ToArray(), frames, splits,
            new Dictionary<string, string>(), "", new PreparedProvenance("authors' scripts", DateTimeOffset.MinValue, source,
                new Dictionary<string, string>(), 0, []));
}
