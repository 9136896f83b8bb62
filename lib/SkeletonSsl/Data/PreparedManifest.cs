using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkeletonSsl.Data;

/// <summary>
/// The <c>manifest.json</c> of a prepared store: what was prepared (dataset, pipeline and its
/// version, classes, frames), the splits with their part counts, the SHA-256 of every file with an
/// overall content hash, and how it was made (provenance).
/// </summary>
public sealed record PreparedManifest(
    string Format, string Dataset, string Pipeline, string PipelineVersion, int NumClasses, IReadOnlyList<string> Classes,
    int Frames, IReadOnlyList<PreparedSplit> Splits, IReadOnlyDictionary<string, string> Files, string ContentHash,
    PreparedProvenance Provenance)
{
    public const string FileName = "manifest.json";
    public const string CurrentFormat = "skeletonssl-prepared/1";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The split named <paramref name="name"/>, or an ArgumentException listing the splits there are.</summary>
    public PreparedSplit Split(string name) => Splits.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"no split '{name}' in this {Dataset} store: it has {string.Join(", ", Splits.Select(s => s.Name))}");

    public static PreparedManifest Read(string path)
    {
        try
        {
            var m = JsonSerializer.Deserialize<PreparedManifest>(File.ReadAllText(path), JsonOptions)
                    ?? throw new DataFormatException(path, "empty manifest");
            if (m.Format != CurrentFormat) throw new DataFormatException(path, $"expected format '{CurrentFormat}', got '{m.Format}'", field: "format");
            return m;
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not a valid prepared-store manifest: {e.Message}", line: (int?)(e.LineNumber + 1), inner: e);
        }
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
