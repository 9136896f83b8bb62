using SkeletonSsl.Data.Formats;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkeletonSsl.Experiments;

/// <summary>
/// JSON for config records (snake_case keys, enums as names) and their provenance hash: the
/// first 16 hex digits of the SHA-256 of the compact JSON, so equal configs hash equally.
/// </summary>
public static class ConfigJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);
    private static readonly JsonSerializerOptions Compact = Create(indented: false);

    public static string Serialize<T>(T config) => JsonSerializer.Serialize(config, Options);

    /// <summary>Parses a config; throws ArgumentException with the JSON error on bad input.</summary>
    public static T Deserialize<T>(string json, string source = "config")
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new ArgumentException($"{source}: expected a {typeof(T).Name} object, got null");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{source}: not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    public static string Hash<T>(T config)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(config, Compact)));
        return Convert.ToHexStringLower(bytes)[..16];
    }

    /// <summary>Writes the JSON atomically ("&lt;path&gt;.tmp-&lt;pid&gt;", then a rename).</summary>
    public static void Write<T>(string path, T config)
    {
        AtomicFile.WriteAllText(path, Serialize(config));
    }

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        WriteIndented = indented,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
