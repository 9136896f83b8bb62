using SkeletonSsl.Data.Formats;
using System.Text.Json;
using System.Text.Json.Serialization;
using SkeletonSsl.Data;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Experiments;

/// <summary>
/// Finished experiments on disk, one JSON file per <see cref="ExperimentKey"/>:
/// root/profile/data/hash-seedS.json. Writes are atomic (temp file, then rename), so an interrupted
/// run never leaves a half-written result that would later be reused. Safe on a shared filesystem with concurrent writers
/// (cluster jobs): each key is its own file, written by the one holder of its experiment's lock, so two jobs finishing at
/// once write different files and neither update is lost; <see cref="All"/> never sees a half-written record.
/// </summary>
public sealed class ResultStore(string root)
{
    /// <summary>The JSON settings used for records (camelCase, enums as strings, indented).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { ConfigJson.AddUnionTypes } },
    };

    public string Root { get; } = Path.GetFullPath(root);

    public string PathOf(ExperimentKey key) => Path.Combine(Root, key.RelativePath);

    /// <summary>The stored record for the key, or null when there is none.</summary>
    /// <exception cref="DataFormatException">The file exists but is not a record of this key.</exception>
    public ExperimentRecord? TryLoad(ExperimentKey key)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return null;
        var record = Read(path);
        if (record.Spec != key.Spec || record.Seed != key.Seed || record.Profile != key.Profile || record.Data != key.Data)
            throw new DataFormatException(path, $"expected a result for {key.Spec.Hash} seed {key.Seed} ({key.Profile}, {key.Data}); the file holds {record.ConfigHash} seed {record.Seed}");
        return record;
    }

    /// <summary>Writes the record atomically under its key.</summary>
    public void Save(ExperimentRecord record)
    {
        AtomicFile.WriteAllText(PathOf(record.Key), JsonSerializer.Serialize(record, Json));
    }

    /// <summary>
    /// Removes the temporary files a killed writer of <paramref name="key"/> left ("&lt;key&gt;.json.tmp-&lt;pid&gt;"), and no
    /// other: call it holding the key's lock (its experiment's <see cref="RunLock"/>), so that no live writer of this key
    /// exists anywhere. Other keys' temporary files belong to other writers, maybe on other hosts of a shared filesystem
    /// whose pids cannot be checked here, so they are never touched. Returns how many were removed.
    /// </summary>
    public int RemoveLeftovers(ExperimentKey key)
    {
        var path = PathOf(key);
        var dir = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(dir)) return 0;
        int removed = 0;
        foreach (var file in Directory.EnumerateFiles(dir, Path.GetFileName(path) + ".*"))
        {
            if (!AtomicFile.TryParseLeftover(Path.GetFileName(file), out var target, out _, out _) || target != Path.GetFileName(path)) continue;
            try { File.Delete(file); removed++; }
            catch (IOException) { }
        }
        return removed;
    }

    /// <summary>Every stored record (all profiles, data kinds and seeds).</summary>
    public IEnumerable<ExperimentRecord> All() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Read)
            : [];

    private static ExperimentRecord Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ExperimentRecord>(File.ReadAllText(path), Json)
                   ?? throw new DataFormatException(path, "expected an experiment record, found null");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"expected an experiment record: {e.Message}", (int)(e.LineNumber ?? 0) + 1, e.Path, e);
        }
    }
}
