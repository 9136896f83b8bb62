using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SkeletonSsl.Data.Formats;
using static TorchSharp.torch;

namespace SkeletonSsl.Data;

/// <summary>
/// Builds a prepared store atomically: parts are written into "&lt;dir&gt;.tmp-&lt;pid&gt;", and
/// <see cref="Commit"/> hashes and sizes every file, writes manifest.json and swaps the folder into place
/// (<see cref="AtomicFile.ReplaceFolder"/>: an older store is removed last). Per part: <c>{split}/{part}_data.npy</c> (N, 3, T, 25, 2) float32,
/// <c>{part}_label.npy</c> (N,) int64, <c>{part}_names.txt</c>, and for pipelines that keep the
/// original length <c>{part}_num_frame.npy</c> (N,) int64; stores of untrimmed recordings (detection) add
/// <c>{part}_frame_label.npy</c> (N, T) int64 (<see cref="AddFrameLabels"/>).
/// </summary>
public sealed class PreparedStoreWriter : IDisposable
{
    private readonly string _final;
    private readonly string _tmp;
    private readonly List<(string Split, PreparedPart Part)> _parts = [];
    private bool _committed;

    /// <param name="dir">The store folder. An existing prepared store there is replaced on <see cref="Commit"/>;
    /// anything else only with <paramref name="force"/> (see <see cref="OutputGuard"/>).</param>
    /// <exception cref="OutputConflictException">The folder holds something else and <paramref name="force"/> is false.</exception>
    public PreparedStoreWriter(string dir, bool force = false)
    {
        OutputGuard.Folder(dir, "a prepared store", IsStore, force);
        _final = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar);
        _tmp = AtomicFile.StageFolder(_final);
    }

    /// <summary>
    /// Whether a folder is a prepared store the kit wrote and nothing else: a readable manifest, and no
    /// file the manifest does not list (a store someone added files to is not, so replacing it never deletes them).
    /// </summary>
    public static bool IsStore(string dir)
    {
        string manifestPath = Path.Combine(dir, PreparedManifest.FileName);
        if (!File.Exists(manifestPath)) return false;
        try
        {
            var listed = PreparedManifest.Read(manifestPath).Files;
            return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
                .All(f => f == PreparedManifest.FileName || listed.ContainsKey(f));
        }
        catch (Exception e) when (e is DataFormatException or IOException)
        {
            return false;
        }
    }

    /// <summary>Adds one part. data: (N, 3, T, 25, 2) float32 on the CPU.</summary>
    public void AddPart(string split, string part, Tensor data, IReadOnlyList<long> labels, IReadOnlyList<string> names, int numClasses,
        IReadOnlyList<long>? numFrames = null)
    {
        if (data.dim() != 5 || data.dtype != ScalarType.Float32)
            throw new ArgumentException($"data must be (N, C, T, V, M) float32, got {data.dtype} with shape ({string.Join(", ", data.shape)})", nameof(data));
        if (data.shape[0] != labels.Count || labels.Count != names.Count || (numFrames is not null && numFrames.Count != labels.Count))
            throw new ArgumentException($"{split}/{part}: {data.shape[0]} clips, {labels.Count} labels, {names.Count} names must agree");
        if (names.Any(n => n.Contains('\n') || n.Contains('\r')))
            throw new ArgumentException($"{split}/{part}: sample names must not contain line breaks");
        string folder = Path.Combine(_tmp, split);
        Directory.CreateDirectory(folder);
        Npy.Write(Path.Combine(folder, $"{part}_data.npy"), data);
        Npy.Write(Path.Combine(folder, $"{part}_label.npy"), labels.ToArray(), labels.Count);
        File.WriteAllText(Path.Combine(folder, $"{part}_names.txt"), string.Concat(names.Select(n => n + "\n")));
        if (numFrames is not null) Npy.Write(Path.Combine(folder, $"{part}_num_frame.npy"), numFrames.ToArray(), numFrames.Count);
        var histogram = new int[numClasses];
        foreach (long l in labels) histogram[l]++;
        _parts.Add((split, new PreparedPart(part, labels.Count, histogram)));
    }

    /// <summary>
    /// Adds the per-frame labels of a part of untrimmed recordings (action detection, <see cref="PreparedStore.LoadFrameLabels"/>):
    /// <c>{split}/{part}_frame_label.npy</c>, labels (N, T) int64 on the CPU with T the store's frames. Call after <see cref="AddPart"/>.
    /// </summary>
    public void AddFrameLabels(string split, string part, Tensor labels)
    {
        if (labels.dim() != 2 || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"frame labels must be (N, T) int64, got {labels.dtype} with shape ({string.Join(", ", labels.shape)})", nameof(labels));
        var added = _parts.LastOrDefault(p => p.Split == split && p.Part.Name == part);
        if (added.Part is null) throw new ArgumentException($"{split}/{part}: add the part before its frame labels");
        if (labels.shape[0] != added.Part.Count)
            throw new ArgumentException($"{split}/{part}: {labels.shape[0]} rows of frame labels for {added.Part.Count} recordings");
        Npy.Write(Path.Combine(_tmp, split, $"{part}_{PreparedStore.FrameLabelSuffix}.npy"), labels);
    }

    /// <summary>Hashes the files, writes manifest.json and moves the store into place. Returns the manifest.</summary>
    public PreparedManifest Commit(string dataset, string pipeline, string pipelineVersion, IReadOnlyList<string> classes, int frames,
        PreparedProvenance provenance)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sizes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(_tmp, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(_tmp, path).Replace('\\', '/');
            files[relative] = Sha256(path);
            sizes[relative] = new FileInfo(path).Length; // the cheap first check on load
        }
        var splits = _parts.GroupBy(p => p.Split).Select(g => new PreparedSplit(g.Key, g.Select(p => p.Part).ToArray())).ToArray();
        var manifest = new PreparedManifest(PreparedManifest.CurrentFormat, dataset, pipeline, pipelineVersion, classes.Count, classes, frames,
            splits, files, ContentHash(files), provenance, sizes);
        File.WriteAllText(Path.Combine(_tmp, PreparedManifest.FileName), JsonSerializer.Serialize(manifest, PreparedManifest.JsonOptions));
        AtomicFile.ReplaceFolder(_tmp, _final);
        _committed = true;
        return manifest;
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The overall hash: SHA-256 of "path\tsha\n" lines in ordinal path order.</summary>
    public static string ContentHash(IReadOnlyDictionary<string, string> files) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(
            files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}\t{f.Value}\n")))));

    public void Dispose()
    {
        if (!_committed && Directory.Exists(_tmp)) Directory.Delete(_tmp, recursive: true);
    }
}
