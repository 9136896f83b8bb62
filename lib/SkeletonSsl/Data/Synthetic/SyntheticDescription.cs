using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkeletonSsl.Data.Synthetic;

/// <summary>The content of a synthetic set's <c>synthetic.json</c>: what was generated and which files are deliberately bad.</summary>
public sealed record SyntheticDescription(
    string Imitates, string GeneratorVersion, SyntheticConfig Config, IReadOnlyList<string> Classes,
    int Clips, IReadOnlyList<string> MissingSkeletons, IReadOnlyList<CorruptFile> Corrupt)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads <c>synthetic.json</c> from a raw folder, or null when the folder holds no synthetic set.</summary>
    public static SyntheticDescription? TryRead(string rawDir)
    {
        string path = Path.Combine(rawDir, SyntheticNtuGenerator.DescriptionFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SyntheticDescription>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not a valid synthetic-set description: {e.Message}", inner: e);
        }
    }
}

/// <summary>A deliberately malformed file of the synthetic set and what is wrong with it.</summary>
public sealed record CorruptFile(string Name, string Problem);
