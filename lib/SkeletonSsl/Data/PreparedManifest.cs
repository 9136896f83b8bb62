using System.Text.Json;
using System.Text.Json.Serialization;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Data;

/// <summary>
/// The <c>manifest.json</c> of a prepared store: what was prepared (dataset, pipeline and its
/// version, classes, frames), the splits with their part counts, the SHA-256 and size of every file
/// with an overall content hash, and how it was made (provenance). <see cref="FileSizes"/> is absent
/// from manifests written before sizes were recorded; such stores still load, with hashes checked.
/// </summary>
public sealed record PreparedManifest(
    string Format, string Dataset, string Pipeline, string PipelineVersion, int NumClasses, IReadOnlyList<string> Classes,
    int Frames, IReadOnlyList<PreparedSplit> Splits, IReadOnlyDictionary<string, string> Files, string ContentHash,
    PreparedProvenance Provenance, IReadOnlyDictionary<string, long>? FileSizes = null)
{
    /// <summary>A manifest is a few kilobytes; anything past this is not one.</summary>
    private const long MaxBytes = 64L << 20;

    public const string FileName = "manifest.json";
    public const string CurrentFormat = "skeletonssl-prepared/1";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A hand-edited or damaged manifest must fail here, naming the file, not later as a null reference.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowDuplicateProperties = false,
        MaxDepth = 16,
    };

    /// <summary>The split named <paramref name="name"/>, or an ArgumentException listing the splits there are.</summary>
    public PreparedSplit Split(string name) => Splits.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"no split '{name}' in this {Dataset} store: it has {string.Join(", ", Splits.Select(s => s.Name))}");

    /// <summary>Reads and checks a manifest: every field present and in range, paths inside the store, the content hash consistent with the file hashes.</summary>
    /// <exception cref="DataFormatException">The manifest is damaged, edited or from an unknown format; the message names the field and says to re-prepare.</exception>
    public static PreparedManifest Read(string path)
    {
        long length = new FileInfo(path).Length;
        if (length > MaxBytes) throw new DataFormatException(path, $"{length} bytes is too large for a prepared-store manifest");
        byte[] bytes = File.ReadAllBytes(path);
        PreparedManifest m;
        try
        {
            m = JsonSerializer.Deserialize<PreparedManifest>(bytes, JsonOptions)
                ?? throw new DataFormatException(path, "empty manifest");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not a valid prepared-store manifest ({e.Message}); re-prepare the store with 'data prepare'",
                line: e.LineNumber is { } l ? (int)Math.Min(l + 1, int.MaxValue) : null, inner: e);
        }
        if (m.Format != CurrentFormat)
            throw new DataFormatException(path, $"expected format '{CurrentFormat}', got '{m.Format}'; re-prepare the store with 'data prepare'", field: "format");
        PreparedManifestCheck.Validate(m, path);
        return m;
    }
}

/// <summary>One benchmark split (e.g. "xsub") and its parts ("train", "val").</summary>
public sealed record PreparedSplit(string Name, IReadOnlyList<PreparedPart> Parts)
{
    public PreparedPart Part(string name) => Parts.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"split '{Name}' has no part '{name}': it has {string.Join(", ", Parts.Select(p => p.Name))}");
}

/// <summary>A part of a split: its clip count and class histogram.</summary>
public sealed record PreparedPart(string Name, int Count, IReadOnlyList<int> ClassCounts);

/// <summary>How a store was made: tool version, time, source, parameters and the samples left out (with why).</summary>
public sealed record PreparedProvenance(
    string Tool, DateTimeOffset CreatedUtc, string Source, IReadOnlyDictionary<string, string> Parameters,
    int RawFiles, IReadOnlyList<SkippedSample> Skipped);

/// <summary>A raw sample that was not prepared, and why (ignore list, zero length, unreadable file).</summary>
public sealed record SkippedSample(string Name, string Reason);
