using SkeletonSsl.Data.Formats;
using static TorchSharp.torch;

namespace SkeletonSsl.Data;

/// <summary>
/// A prepared dataset on disk (written by <see cref="PreparedStoreWriter"/>): manifest.json plus,
/// per split and part, <c>{split}/{part}_data.npy</c> (N, 3, T, 25, 2) float32,
/// <c>{part}_label.npy</c>, <c>{part}_names.txt</c> and optionally <c>{part}_num_frame.npy</c>.
/// Parts are "train" and "val" (the reference code's name for the test part; "test" is accepted).
/// A loaded part carries each clip's valid frame count: min(num_frame, T) where the store records
/// num_frame (the CMD pipeline, which pads by repetition), all T frames for AimCLR's 50-frame
/// pipeline, else the frames up to the last non-zero one (<see cref="ValidFrames"/>).
/// </summary>
public sealed class PreparedStore
{
    private readonly Func<string, string, SkeletonDataset>? _external;

    public string Directory { get; }
    public PreparedManifest Manifest { get; }

    /// <summary>True for the authors' own files read in place (no manifest, hashes or frame counts).</summary>
    public bool IsAuthorsFiles => _external is not null;

    private PreparedStore(string directory, PreparedManifest manifest, Func<string, string, SkeletonDataset>? external = null)
    {
        Directory = directory;
        Manifest = manifest;
        _external = external;
    }

    /// <summary>
    /// Opens a store folder (reads and checks its manifest; file hashes are checked by <see cref="Verify"/>).
    /// Without a manifest, the authors' own prepared files are detected and read in place
    /// (see <see cref="OpenAuthorsFiles"/>); an .npz path is opened that way too.
    /// </summary>
    public static PreparedStore Open(string dir)
    {
        if (File.Exists(dir) && dir.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) return OpenAuthorsFiles(dir);
        if (!System.IO.Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: prepared store not found");
        string manifest = Path.Combine(dir, PreparedManifest.FileName);
        if (!File.Exists(manifest))
        {
            if (AuthorsFiles.IsAimClrFolder(dir) || System.IO.Directory.EnumerateDirectories(dir).Any(AuthorsFiles.IsAimClrFolder)) return OpenAuthorsFiles(dir);
            throw new FileNotFoundException($"{manifest}: not a prepared store (no {PreparedManifest.FileName}); prepare raw data with 'data prepare'", manifest);
        }
        return new PreparedStore(dir, PreparedManifest.Read(manifest));
    }

    /// <summary>
    /// Reads the authors' prepared files in place: an AimCLR frame50 folder (<c>{part}_position.npy</c> +
    /// <c>{part}_label.pkl</c>; a folder of such folders gives one split per folder) or an
    /// <c>NTU60_CS.npz</c>-style archive (x (N, 300, 150), one-hot y; split named from the file).
    /// <paramref name="numClasses"/> defaults to the one-hot width, or the largest label + 1.
    /// </summary>
    public static PreparedStore OpenAuthorsFiles(string path, int? numClasses = null)
    {
        var (manifest, load) = AuthorsFiles.Open(path, numClasses);
        return new PreparedStore(path, manifest, load);
    }

    /// <summary>Split names, e.g. ["xsub", "xview"].</summary>
    public IReadOnlyList<string> Splits => Manifest.Splits.Select(s => s.Name).ToArray();

    /// <summary>A split's "train" and "val" parts, as protocols train and test on them; the caller disposes both
    /// (and nothing is left undisposed when the second part fails to load).</summary>
    public (SkeletonDataset Train, SkeletonDataset Test) LoadTrainAndVal(string split)
    {
        var train = Load(split, "train");
        try
        {
            return (train, Load(split, "val"));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads one part into memory: data (N, 3, T, 25, 2) float32 on the CPU, labels, names, valid frames. Each file is
    /// checked against the manifest as it is read (size, then SHA-256), so an edited or damaged store
    /// fails with the name of the file instead of training on changed data.
    /// </summary>
    public SkeletonDataset Load(string split, string part)
    {
        part = Canonical(part);
        var info = Manifest.Split(split).Part(part);
        if (_external is not null) return _external(split, part);
        string dataPath = Path.Combine(Directory, split, $"{part}_data.npy");
        Tensor data;
        using (var file = StoreFileCheck.Open(Directory, $"{split}/{part}_data.npy", Manifest))
        {
            data = Npy.ReadTensor(file, dataPath);
            try { file.Verify(); }
            catch { data.Dispose(); throw; }
        }
        try
        {
            if (data.dtype != ScalarType.Float32 || data.dim() != 5 || data.shape[0] != info.Count || data.shape[2] != Manifest.Frames)
                throw new DataFormatException(dataPath, $"expected float32 ({info.Count}, 3, {Manifest.Frames}, 25, 2) as the manifest says, got {data.dtype} ({string.Join(", ", data.shape)})", field: "shape");
            var labels = ReadLongs($"{split}/{part}_label.npy", info.Count, "labels");
            if (labels.Any(l => l < 0 || l >= Manifest.NumClasses))
                throw new DataFormatException(Path.Combine(Directory, split, $"{part}_label.npy"),
                    $"labels must lie in [0, {Manifest.NumClasses}) as the manifest says, found {labels.First(l => l < 0 || l >= Manifest.NumClasses)}", field: "labels");
            string namesPath = Path.Combine(Directory, split, $"{part}_names.txt");
            string[] names;
            using (var file = StoreFileCheck.Open(Directory, $"{split}/{part}_names.txt", Manifest))
            {
                using var text = new StreamReader(file, leaveOpen: true);
                names = text.ReadToEnd().Split('\n');
                file.Verify();
            }
            // One name per line, each ending in a newline: the last split is empty.
            if (names.Length > 0 && names[^1].Length == 0) names = names[..^1];
            names = names.Select(n => n.TrimEnd('\r')).ToArray();
            if (names.Length != info.Count)
                throw new DataFormatException(namesPath, $"expected {info.Count} names as the manifest says, got {names.Length}");
            return new SkeletonDataset(data, labels, names, Manifest.NumClasses, ValidFramesOf(split, part, info.Count, data));
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>The original frame count of each clip of a part (pipelines that keep it, e.g. "cmd"), else null.</summary>
    public long[]? LoadFrameCounts(string split, string part)
    {
        part = Canonical(part);
        var info = Manifest.Split(split).Part(part);
        if (_external is not null) return null;
        string relative = $"{split}/{part}_num_frame.npy";
        if (!Manifest.Files.ContainsKey(relative) && !File.Exists(Path.Combine(Directory, relative))) return null;
        var counts = ReadLongs(relative, info.Count, "frame counts");
        int bad = Array.FindIndex(counts, n => n < 1);
        if (bad >= 0)
            throw new DataFormatException(Path.Combine(Directory, relative),
                $"clip {bad} has num_frame {counts[bad]}; every prepared clip has at least one frame: re-prepare the store", field: "num_frame");
        return counts;
    }

    /// <summary>The file stem suffix of a part's per-frame labels: <c>{split}/{part}_frame_label.npy</c>.</summary>
    public const string FrameLabelSuffix = "frame_label";

    /// <summary>Whether the part carries per-frame labels (a store of untrimmed recordings for action detection).</summary>
    public bool HasFrameLabels(string split, string part) =>
        _external is null && Manifest.Files.ContainsKey($"{split}/{Canonical(part)}_{FrameLabelSuffix}.npy");

    /// <summary>
    /// The per-frame labels of a part of untrimmed recordings (PCM3 detection, spec/pcm3.md §8.7; data.md §5.6): (N, T) int64 on
    /// the CPU, T = the store's frames; 0 background, the class id 1…NumClasses inside an instance, 255 after a recording's
    /// last frame. Checked against the manifest (size, SHA-256) and for shape and values.
    /// </summary>
    /// <exception cref="DataFormatException">The file is missing, damaged, of another shape, or holds a label outside {0 … NumClasses, 255}.</exception>
    public Tensor LoadFrameLabels(string split, string part)
    {
        part = Canonical(part);
        var info = Manifest.Split(split).Part(part);
        string relative = $"{split}/{part}_{FrameLabelSuffix}.npy";
        string path = Path.Combine(Directory, relative);
        if (_external is not null || !Manifest.Files.ContainsKey(relative))
            throw new DataFormatException(path, $"this {Manifest.Dataset} store has no frame labels for {split}/{part}: it holds trimmed clips " +
                                                $"(prepare untrimmed recordings with data prepare --dataset pku1 --pipeline detection)", field: "files");
        Tensor labels;
        using (var file = StoreFileCheck.Open(Directory, relative, Manifest))
        {
            labels = Npy.ReadTensor(file, path);
            try { file.Verify(); }
            catch { labels.Dispose(); throw; }
        }
        try
        {
            if (labels.dtype != ScalarType.Int64 || labels.dim() != 2 || labels.shape[0] != info.Count || labels.shape[1] != Manifest.Frames)
                throw new DataFormatException(path, $"expected int64 ({info.Count}, {Manifest.Frames}) frame labels as the manifest says, got {labels.dtype} ({string.Join(", ", labels.shape)})", field: "shape");
            using var bad = labels.lt(0) | (labels.gt(Manifest.NumClasses) & labels.ne(PkuFrameLabels.Padding));
            if (bad.any().item<bool>())
            {
                using var at = bad.nonzero()[0];
                long n = at[0].item<long>(), t = at[1].item<long>();
                throw new DataFormatException(path, $"recording {n} frame {t}: label {labels[n, t].item<long>()}, expected 0 (background), 1…{Manifest.NumClasses} or {PkuFrameLabels.Padding} (padding)", field: "labels");
            }
            return labels;
        }
        catch
        {
            labels.Dispose();
            throw;
        }
    }

    /// <summary>Each clip's valid frames in [1, T]: the recorded counts, AimCLR's all-T, or the trailing-zero rule.</summary>
    private long[] ValidFramesOf(string split, string part, int count, Tensor data)
    {
        if (LoadFrameCounts(split, part) is { } recorded) return ValidFrames.FromRecorded(recorded, Manifest.Frames);    // n = min(num_frame, T)
        if (Manifest.Pipeline == Preprocessing.PreparePipeline.AimClr.Name) return ValidFrames.Full(count, Manifest.Frames);   // resized to 50 real frames
        return ValidFrames.TrailingZeros(data);
    }

    /// <summary>Recomputes every file's SHA-256; returns the problems (empty when the store is intact).</summary>
    public IReadOnlyList<string> Verify()
    {
        var problems = new List<string>();
        foreach (var (file, sha) in Manifest.Files)
        {
            string path = Path.Combine(Directory, file);
            if (!File.Exists(path)) problems.Add($"{path}: missing");
            else if (Manifest.FileSizes?.TryGetValue(file, out long size) == true && new FileInfo(path).Length != size)
                problems.Add($"{path}: size differs from the manifest");
            else if (PreparedStoreWriter.Sha256(path) != sha) problems.Add($"{path}: SHA-256 differs from the manifest");
        }
        if (PreparedStoreWriter.ContentHash(Manifest.Files) != Manifest.ContentHash) problems.Add($"{Directory}: content hash differs from the manifest");
        return problems;
    }

    private static string Canonical(string part) => part == "test" ? "val" : part;

    private long[] ReadLongs(string relative, int count, string what)
    {
        string path = Path.Combine(Directory, relative);
        NpyArray array;
        using (var file = StoreFileCheck.Open(Directory, relative, Manifest))
        {
            array = Npy.Read(file, path);
            file.Verify();
        }
        if (array.Shape.Length != 1)
            throw new DataFormatException(path, $"expected a 1-D array of {count} {what}, got shape ({string.Join(", ", array.Shape)})", field: "shape");
        long[] values = array.Data switch
        {
            long[] l => l,
            int[] i => i.Select(v => (long)v).ToArray(),
            _ => throw new DataFormatException(path, $"expected integer {what}, got {array.ElementType}", field: "descr"),
        };
        if (values.Length != count) throw new DataFormatException(path, $"expected {count} {what} (one per clip) as the manifest says, got {values.Length}", field: "shape");
        return values;
    }
}
