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
    private static readonly Dictionary<string, ScalarType> StorageTypes = new()
    {
        ["FloatStorage"] = ScalarType.Float32, ["DoubleStorage"] = ScalarType.Float64, ["HalfStorage"] = ScalarType.Float16,
        ["BFloat16Storage"] = ScalarType.BFloat16, ["LongStorage"] = ScalarType.Int64, ["IntStorage"] = ScalarType.Int32,
        ["ShortStorage"] = ScalarType.Int16, ["CharStorage"] = ScalarType.Int8, ["ByteStorage"] = ScalarType.Byte,
        ["BoolStorage"] = ScalarType.Bool,
    };

    /// <summary>The checkpoint's whole object tree: dicts, lists, numbers, strings and CPU tensors. The caller disposes the tensors.</summary>
    public static object? Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such checkpoint file", path);
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { throw new DataFormatException(path, $"not a zip archive ({e.Message}): expected a torch.save file", inner: e); }
        using (zip)
        {
            var pkl = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1).ToList();
            if (pkl.Count != 1)
                throw new DataFormatException(path, $"expected exactly one <root>/data.pkl in the zip, found {pkl.Count}: not a torch.save checkpoint", field: "data.pkl");
            string root = pkl[0].FullName[..^"data.pkl".Length];
            bool bigEndian = zip.GetEntry(root + "byteorder") is { } order && ReadAll(order) is var b && System.Text.Encoding.ASCII.GetString(b).Trim() == "big";

            var storages = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            var allow = new PickleAllowlist
            {
                PickleAllowlist.OrderedDict,
                PickleGlobal.Function("torch._utils", "_rebuild_tensor_v2", call: args => Rebuild(args)),
            };
            foreach (var name in StorageTypes.Keys) allow.Add(PickleGlobal.Recording("torch", name));

            object? PersistentLoad(object? pid)
            {
                if (pid is not object?[] { Length: 5 } t || t[0] is not "storage")
                    throw new ArgumentException($"persistent id {Describe(pid)}: expected ('storage', type, key, location, numel)");
                if (t[1] is not PickleGlobal { Module: "torch" } type || !StorageTypes.TryGetValue(type.Name, out var dtype))
                    throw new ArgumentException($"storage type {t[1]}: expected one of torch.{string.Join(", torch.", StorageTypes.Keys)}");
                string key = t[2] as string ?? throw new ArgumentException("storage key is not a string");
                long numel = t[4] is long n ? n : throw new ArgumentException("storage numel is not an integer");
                if (storages.TryGetValue(key, out var cached)) return cached;
                var entry = zip.GetEntry($"{root}data/{key}") ?? throw new ArgumentException($"storage '{key}' is missing: no {root}data/{key} in the zip");
                byte[] bytes = ReadAll(entry);
                int size = SafeTensors.ElementSize(dtype);
                if (bytes.LongLength != numel * size)
                    throw new ArgumentException($"storage '{key}' holds {bytes.LongLength} bytes but {numel} × {dtype} needs {numel * size}");
                if (bigEndian && size > 1) SwapBytes(bytes, size);
                var storage = empty(numel, dtype);
                if (bytes.Length > 0) storage.bytes = bytes;
                storages[key] = storage;
                return storage;
            }

            try
            {
                return new Unpickler(allow, PersistentLoad).Load(ReadAll(pkl[0]), $"{path}:{pkl[0].FullName}");
            }
            finally
            {
                foreach (var s in storages.Values) s.Dispose(); // rebuilt tensors keep their own references
            }
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
        var dict = FindStateDict(root) ?? throw new DataFormatException(path,
            $"no state dict found: expected a dict of tensors, or one under 'state_dict', 'model' or 'net'; the top level is {Describe(root)}");
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

    private static void DisposeOthers(object? node, HashSet<Tensor> keep)
    {
        switch (node)
        {
            case Tensor t when !keep.Contains(t): t.Dispose(); break;
            case Dictionary<object, object?> d: foreach (var v in d.Values) DisposeOthers(v, keep); break;
            case List<object?> l: foreach (var v in l) DisposeOthers(v, keep); break;
            case object?[] a: foreach (var v in a) DisposeOthers(v, keep); break;
        }
    }

    /// <summary>_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]).</summary>
    private static Tensor Rebuild(object?[] args)
    {
        if (args.Length is < 6 or > 7 || args[0] is not Tensor storage || args[1] is not long offset
            || args[2] is not object?[] size || args[3] is not object?[] stride)
            throw new ArgumentException("_rebuild_tensor_v2 expects (storage, offset, size tuple, stride tuple, requires_grad, hooks[, metadata])");
        long[] shape = size.Select(ToLong).ToArray();
        long[] strides = stride.Select(ToLong).ToArray();
        if (shape.Length != strides.Length) throw new ArgumentException("_rebuild_tensor_v2: size and stride differ in length");
        long last = offset + shape.Zip(strides, (d, s) => d == 0 ? 0 : (d - 1) * s).Sum();
        if (shape.All(d => d > 0) && (offset < 0 || last >= storage.numel()))
            throw new ArgumentException($"_rebuild_tensor_v2: view [{string.Join(", ", shape)}] at offset {offset} exceeds its storage of {storage.numel()} elements");
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

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        var bytes = new byte[entry.Length];
        s.ReadExactly(bytes);
        return bytes;
    }

    private static void SwapBytes(byte[] bytes, int size)
    {
        for (int i = 0; i < bytes.Length; i += size) Array.Reverse(bytes, i, size);
    }
}
