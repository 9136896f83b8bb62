using System.Text.Json;

namespace SkeletonSsl.Data.Synthetic;

/// <summary>The content of a synthetic PKU-MMD set's <c>synthetic-pku.json</c>.</summary>
public sealed record SyntheticPkuDescription(
    string Imitates, string GeneratorVersion, SyntheticPkuConfig Config, IReadOnlyList<string> Classes, int Videos, int Instances)
{
    /// <summary>Reads the description from a raw folder, or null when it holds no synthetic PKU set.</summary>
    public static SyntheticPkuDescription? TryRead(string rawDir)
    {
        string path = Path.Combine(rawDir, SyntheticPkuGenerator.DescriptionFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SyntheticPkuDescription>(File.ReadAllText(path), SyntheticDescription.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not a valid synthetic-set description: {e.Message}", inner: e);
        }
    }
}
