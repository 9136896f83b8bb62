using SkeletonSsl.Data.Formats;
using System.Text.Json;
using System.Text.Json.Serialization;
using SkeletonSsl.Data;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Experiments;

/// <summary>
/// Finished experiments on disk, one JSON file per <see cref="ExperimentKey"/>:
/// root/profile/data/hash-seedS.json. Writes are atomic (temp file, then rename), so an interrupted
/// run never leaves a half-written result that would later be reused.
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
