using SkeletonSsl.Data.Formats;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// JSON for evaluation results and configs (ClassifierResult, KnnResult, FusionResult,
/// EmbeddingResult, the config records): enums as names, NaN allowed, indented.
/// Files are written atomically (a temporary file, then a rename).
/// </summary>
public static class EvaluationJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new ArgumentException($"the JSON text holds null, not a {typeof(T).Name}");

    /// <summary>Writes value to path atomically.</summary>
    public static void Write<T>(T value, string path)
    {
        AtomicFile.WriteAllText(path, Serialize(value));
    }

    /// <summary>Reads a value written by <see cref="Write{T}"/>; malformed JSON raises a DataFormatException naming the file.</summary>
    public static T Read<T>(string path)
    {
        try
        {
            return Deserialize<T>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new SkeletonSsl.Data.DataFormatException(path, $"expected a {typeof(T).Name} as JSON: {e.Message}",
                line: e.LineNumber is { } l ? (int)l + 1 : null, field: e.Path, inner: e);
        }
    }
}
