using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Training.Checkpoints;

/// <summary>
/// Copies named tensors (from safetensors, a PyTorch checkpoint or another module) into any
/// module's parameters and buffers by state-dict key, like PyTorch's <c>load_state_dict</c> but
/// reporting every missing key, unexpected key and shape mismatch by name, and refusing a load
/// that does not match unless <see cref="StateDictLoadOptions.AllowPartial"/> is set. Values are
/// cast to the module tensor's dtype and device. Scalars stored as shape [] and [1] are treated
/// as the same shape (BatchNorm's <c>num_batches_tracked</c> differs between frameworks).
/// </summary>
public static class StateDictLoader
{
    /// <summary>Loads a safetensors file or a PyTorch checkpoint (chosen by content) into <paramref name="module"/>.</summary>
    public static StateDictLoadReport LoadFile(nn.Module module, string path, StateDictLoadOptions? options = null)
    {
        var tensors = CheckpointFile.ReadTensors(path);
        try
        {
            return Load(module, tensors, options, path);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Matches <paramref name="source"/> to the module's state dict and copies the matching tensors.</summary>
    /// <exception cref="CheckpointMismatchException">Anything does not match and a partial load is not allowed.</exception>
    public static StateDictLoadReport Load(nn.Module module, IReadOnlyDictionary<string, Tensor> source,
        StateDictLoadOptions? options = null, string sourceName = "checkpoint")
    {
        options ??= StateDictLoadOptions.Strict;
        var target = module.state_dict();
        bool Ignored(string key) => options.Ignore.Any(p => key.StartsWith(p, StringComparison.Ordinal));

        var renamed = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        int skipped = 0;
        foreach (var (rawKey, tensor) in source)
        {
            string key = options.StripModulePrefix && rawKey.StartsWith("module.", StringComparison.Ordinal) ? rawKey["module.".Length..] : rawKey;
            if (!key.StartsWith(options.Prefix, StringComparison.Ordinal)) { skipped++; continue; }
            key = key[options.Prefix.Length..];
            if (Ignored(key)) { skipped++; continue; }
            if (!renamed.TryAdd(key, tensor)) throw new ArgumentException($"{sourceName}: key '{key}' occurs twice after prefix removal");
        }

        var loaded = new List<string>();
        var missing = new List<string>();
        var mismatches = new List<ShapeMismatch>();
        foreach (var (key, t) in target)
        {
            if (Ignored(key)) continue;
            if (!renamed.TryGetValue(key, out var s)) { missing.Add(key); continue; }
            if (!SameShape(t.shape, s.shape)) { mismatches.Add(new ShapeMismatch(key, t.shape, s.shape)); continue; }
            loaded.Add(key);
        }
        var unexpected = renamed.Keys.Where(k => !target.ContainsKey(k)).ToList();
        var report = new StateDictLoadReport(loaded, missing, unexpected, mismatches, skipped);
        if (!report.IsComplete && !options.AllowPartial) throw new CheckpointMismatchException(sourceName, report);

        using (no_grad())
        {
            foreach (var key in loaded)
            {
                var t = target[key];
                var s = renamed[key];
                using var converted = s.to(t.dtype, t.device);
                t.copy_(converted.reshape(t.shape));
            }
        }
        return report;
    }

    private static bool SameShape(long[] a, long[] b) =>
        a.SequenceEqual(b) || (a.Aggregate(1L, (x, y) => x * y) == 1 && b.Aggregate(1L, (x, y) => x * y) == 1 && a.Length <= 1 && b.Length <= 1);
}
