using System.IO.Compression;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using static TorchSharp.torch;

namespace SkeletonSsl.Training.Checkpoints;

/// <summary>
/// Reads PyTorch's <c>torch.save</c> zip format (PyTorch ≥ 1.6) without executing code: the zip's
/// <c>&lt;root&gt;/data.pkl</c> is run through the restricted <see cref="Unpickler"/>, which resolves only
/// <c>collections.OrderedDict</c>, <c>torch._utils._rebuild_tensor_v2</c> and the typed storage classes;
/// each persistent id <c>('storage', torch.XStorage, key, location, numel)</c> is read from
/// <c>&lt;root&gt;/data/&lt;key&gt;</c> (raw elements, little-endian unless <c>&lt;root&gt;/byteorder</c> says
/// big) and tensors are rebuilt from (storage, offset, size, stride) on the CPU. Anything else in
/// the pickle (another class, a function) is refused with a <see cref="DataFormatException"/>.
/// </summary>
public static class PyTorchCheckpoint
{
    /// <summary>The most dimensions a rebuilt tensor may have (PyTorch's own limit is 64 too).</summary>
    private const int MaxRank = 64;

    /// <summary>How many elements a view with zero strides (an expanded tensor) may copy out of a smaller storage.</summary>
    private const long MaxRepeatedElements = 1L << 24;

    private static readonly Dictionary<string, ScalarType> StorageTypes = new()
    {
        ["FloatStorage"] = ScalarType.Float32, ["DoubleStorage"] = ScalarType.Float64, ["HalfStorage"] = ScalarType.Float16,
        ["BFloat16Storage"] = ScalarType.BFloat16, ["LongStorage"] = ScalarType.Int64, ["IntStorage"] = ScalarType.Int32,
        ["ShortStorage"] = ScalarType.Int16, ["CharStorage"] = ScalarType.Int8, ["ByteStorage"] = ScalarType.Byte,
        ["BoolStorage"] = ScalarType.Bool,
    };

    /// <summary>The checkpoint's whole object tree: dicts, lists, numbers, strings and CPU tensors. The caller disposes the tensors.</summary>
    /// <exception cref="DataFormatException">The file is not a readable torch.save zip; the message names the file and the entry.</exception>
    public static object? Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such checkpoint file", path);
        long fileLength = new FileInfo(path).Length;
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (Exception e) when (e is InvalidDataException or IOException and not FileNotFoundException)
        { throw new DataFormatException(path, $"not a zip archive ({e.Message}): expected a torch.save file", inner: e); }
        using (zip)
        {
            // Entries are read lazily, so a damaged archive fails here, after opening: name the file.
            try { return Load(path, zip, fileLength); }
            catch (Exception e) when (e is InvalidDataException or IOException and not FileNotFoundException)
            { throw new DataFormatException(path, $"corrupt zip archive ({e.Message}): expected a torch.save file", field: "zip", inner: e); }
        }
    }

    private static object? Load(string path, ZipArchive zip, long fileLength)
    {
        var pkl = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1).ToList();
        if (pkl.Count != 1)
            throw new DataFormatException(path, $"expected exactly one <root>/data.pkl in the zip, found {pkl.Count}: not a torch.save checkpoint", field: "data.pkl");
        string root = pkl[0].FullName[..^"data.pkl".Length];
        bool bigEndian = zip.GetEntry(root + "byteorder") is { } order && ReadAll(order, path, fileLength) is var b
                         && System.Text.Encoding.ASCII.GetString(b).Trim() == "big";

        var storages = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var storageSet = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var rebuilt = new List<Tensor>();
        var allow = new PickleAllowlist
        {
            PickleAllowlist.OrderedDict,
            PickleGlobal.Function("torch._utils", "_rebuild_tensor_v2", call: args =>
            {
                var t = Rebuild(args, storageSet);
                rebuilt.Add(t);
                return t;
            }),
        };
        foreach (var name in StorageTypes.Keys) allow.Add(PickleGlobal.Recording("torch", name));

        object? PersistentLoad(object? pid)
        {
            if (pid is not object?[] { Length: 5 } t || t[0] is not "storage")
                throw new ArgumentException($"persistent id {Describe(pid)}: expected ('storage', type, key, location, numel)");
            if (t[1] is not PickleGlobal { Module: "torch" } type || !StorageTypes.TryGetValue(type.Name, out var dtype))
                throw new ArgumentException($"storage type {t[1]}: expected one of torch.{string.Join(", torch.", StorageTypes.Keys)}");
            string key = t[2] as string ?? throw new ArgumentException("storage key is not a string");
            long numel = t[4] is long n && n >= 0 ? n : throw new ArgumentException("storage numel is not a non-negative integer");
            if (storages.TryGetValue(key, out var cached)) return cached;
            var entry = zip.GetEntry($"{root}data/{key}") ?? throw new ArgumentException($"storage '{key}' is missing: no {root}data/{key} in the zip");
            int size = SafeTensors.ElementSize(dtype);
            // Compare before reading: the declared count must not decide how much is allocated.
            if (numel > entry.Length / size || numel * size != entry.Length)
                throw new ArgumentException($"storage '{key}' holds {entry.Length} bytes but {numel} × {dtype} needs {(numel > long.MaxValue / size ? "more" : (numel * size).ToString())}");
            byte[] bytes = ReadAll(entry, path, fileLength);
            if (bigEndian && size > 1) SwapBytes(bytes, size);
            var storage = empty(numel, dtype);
            if (bytes.Length > 0) storage.bytes = bytes;
            storages[key] = storage;
            storageSet.Add(storage);
            return storage;
        }

        bool ok = false;
        try
        {
            string name = $"{path}:{pkl[0].FullName}";
            var value = new Unpickler(allow, PersistentLoad).Load(ReadAll(pkl[0], path, fileLength), name);
            // Storages are freed below; one that the pickle uses as a value (not through
            // _rebuild_tensor_v2) would be handed out already disposed.
            if (PickleGraph.Distinct(value).Any(o => o is Tensor t && storageSet.Contains(t)))
                throw new DataFormatException(name, "a storage is used as a value: expected storages only as the first argument of torch._utils._rebuild_tensor_v2", field: "storage");
            ok = true;
            return value;
        }
        finally
        {
            foreach (var s in storages.Values) s.Dispose(); // rebuilt tensors keep their own references
            if (!ok) foreach (var t in rebuilt) t.Dispose();
        }
    }

    /// <summary>
    /// The named tensors of a checkpoint: the top-level dict if its values are tensors, else the
    /// tensor dict under <c>state_dict</c>, <c>model</c> or <c>net</c> (as training scripts save them).
    /// Entries that are not tensors are skipped.
    /// </summary>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        var root = Load(path);
        var dict = FindStateDict(root);
        if (dict is null)
        {
            DisposeOthers(root, []);
            throw new DataFormatException(path,
                $"no state dict found: expected a dict of tensors, or one under 'state_dict', 'model' or 'net'; the top level is {Describe(root)}");
        }
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (k, v) in dict)
            if (k is string name && v is Tensor t) result[name] = t;
        DisposeOthers(root, result.Values.ToHashSet());
        return result;
    }

    private static Dictionary<object, object?>? FindStateDict(object? root)
    {
        if (root is not Dictionary<object, object?> dict) return null;
        if (dict.Count > 0 && dict.Values.Any(v => v is Tensor)) return dict;
        foreach (string key in new[] { "state_dict", "model", "net" })
            if (dict.TryGetValue(key, out var inner) && inner is Dictionary<object, object?> d && d.Values.Any(v => v is Tensor))
                return d;
        return null;
    }

    private static void DisposeOthers(object? root, HashSet<Tensor> keep)
    {
        // Each shared object once: a memo DAG next to a tensor must not be walked 2^depth times.
        foreach (var node in PickleGraph.Distinct(root))
            if (node is Tensor t && !keep.Contains(t)) t.Dispose();
    }

    /// <summary>_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]).</summary>
    private static Tensor Rebuild(object?[] args, HashSet<Tensor> storages)
    {
        if (args.Length is < 6 or > 7 || args[0] is not Tensor storage || args[1] is not long offset
            || args[2] is not object?[] size || args[3] is not object?[] stride)
            throw new ArgumentException("_rebuild_tensor_v2 expects (storage, offset, size tuple, stride tuple, requires_grad, hooks[, metadata])");
        if (!storages.Contains(storage)) throw new ArgumentException("_rebuild_tensor_v2: the first argument is not a storage of this checkpoint");
        long[] shape = size.Select(ToLong).ToArray();
        long[] strides = stride.Select(ToLong).ToArray();
        if (shape.Length != strides.Length) throw new ArgumentException("_rebuild_tensor_v2: size and stride differ in length");
        if (shape.Length > MaxRank) throw new ArgumentException($"_rebuild_tensor_v2: {shape.Length} dimensions, at most {MaxRank} are supported");
        if (offset < 0 || shape.Any(d => d < 0) || strides.Any(s => s < 0))
            throw new ArgumentException($"_rebuild_tensor_v2: negative offset, size or stride in [{string.Join(", ", shape)}] / [{string.Join(", ", strides)}] at offset {offset}");
        if (shape.All(d => d > 0))
        {
            // The last element the view reaches; checked, because hostile sizes overflow a long.
            long last;
            try { last = checked(offset + shape.Zip(strides, (d, s) => checked((d - 1) * s)).Aggregate(0L, (a, x) => checked(a + x))); }
            catch (OverflowException) { last = long.MaxValue; }
            if (last >= storage.numel())
                throw new ArgumentException($"_rebuild_tensor_v2: view [{string.Join(", ", shape)}] at offset {offset} exceeds its storage of {storage.numel()} elements");
        }
        // Zero strides repeat elements, so the copy below is bounded separately from the storage.
        long count;
        try { count = shape.Aggregate(1L, (a, d) => checked(a * d)); }
        catch (OverflowException) { count = long.MaxValue; }
        if (count > Math.Max(storage.numel(), MaxRepeatedElements))
            throw new ArgumentException($"_rebuild_tensor_v2: view [{string.Join(", ", shape)}] holds {(count == long.MaxValue ? "too many" : count.ToString())} elements, more than its storage of {storage.numel()} can back");
        using var view = storage.as_strided(shape, strides, offset);
        return view.clone();
    }

    private static long ToLong(object? v) => v is long l ? l : throw new ArgumentException($"expected an integer, got {Describe(v)}");

    private static string Describe(object? v) => v switch
    {
        null => "None",
        Dictionary<object, object?> d => $"a dict with keys {string.Join(", ", d.Keys.Take(8))}",
        _ => v.GetType().Name,
    };

    /// <summary>
    /// An entry's bytes, bounded by the file: the declared size must fit the file (stored) or what
    /// deflate can expand the compressed bytes to, and the entry must hold exactly that many bytes.
    /// </summary>
    private static byte[] ReadAll(ZipArchiveEntry entry, string path, long fileLength)
    {
        long declared = entry.Length;
        // Deflate expands at most about 1032:1.
        long bound = Math.Min(Array.MaxLength, entry.CompressedLength > fileLength ? 0 : entry.CompressedLength * 1032 + 64);
        if (declared < 0 || declared > bound || entry.CompressedLength > fileLength)
            throw new DataFormatException(path, $"zip entry '{entry.FullName}' declares {declared} bytes ({entry.CompressedLength} compressed) in a file of {fileLength} bytes", field: entry.FullName);
        using var s = entry.Open();
        var bytes = new byte[declared];
        int got = s.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (got < bytes.Length)
            throw new DataFormatException(path, $"zip entry '{entry.FullName}' declares {declared} bytes but holds {got}", field: entry.FullName);
        return bytes;
    }

    private static void SwapBytes(byte[] bytes, int size)
    {
        for (int i = 0; i < bytes.Length; i += size) Array.Reverse(bytes, i, size);
    }
}
