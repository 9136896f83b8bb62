using SkeletonSsl.Data.Formats;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SkeletonSsl.Encoders;

namespace SkeletonSsl.Experiments;

/// <summary>
/// JSON for config records (snake_case keys, enums as names) and their provenance hash: the
/// first 16 hex digits of the SHA-256 of the compact JSON, so equal configs hash equally. The two typed unions
/// serialise with their type: a <see cref="MethodConfig"/> with <c>"$method": "aimclr"</c> (its
/// <see cref="MethodConfig.Name"/>), an <see cref="EncoderConfig"/> with <c>"$encoder": "stgcn"</c> (its
/// <see cref="EncoderConfig.Kind"/>); the concrete types are found among the loaded assemblies, so a new
/// method or encoder needs no entry here.
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

    /// <summary>The compact JSON of a method config with its type: the canonical form specs hash.</summary>
    public static string Canonical(MethodConfig config) => JsonSerializer.Serialize(config, Compact);

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
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddUnionTypes } },
    };

    private static readonly Lazy<IReadOnlyList<JsonDerivedType>> MethodTypes = new(() => DerivedTypes<MethodConfig>(c => c.Name));
    private static readonly Lazy<IReadOnlyList<JsonDerivedType>> EncoderTypes = new(() => DerivedTypes<EncoderConfig>(c => c.Kind));

    /// <summary>The resolver modifier that gives <see cref="MethodConfig"/> and <see cref="EncoderConfig"/> their typed form;
    /// other JSON options that hold specs (the results store) add it too.</summary>
    public static void AddUnionTypes(JsonTypeInfo info)
    {
        var (property, types) = info.Type == typeof(MethodConfig) ? ("$method", MethodTypes.Value)
                              : info.Type == typeof(EncoderConfig) ? ("$encoder", EncoderTypes.Value)
                              : (null, []);
        if (property is null) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = property,
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var t in types) info.PolymorphismOptions.DerivedTypes.Add(t);
    }

    /// <summary>Every concrete T among the loaded SkeletonSsl assemblies (the library, tests, tools), keyed by the name its default instance gives.</summary>
    private static IReadOnlyList<JsonDerivedType> DerivedTypes<T>(Func<T, string> name) where T : class
    {
        var found = new List<JsonDerivedType>();
        var names = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.GetName().Name?.StartsWith("SkeletonSsl", StringComparison.Ordinal) == true))
        {
            Type[] types;
            try { types = assembly.GetTypes(); }
            catch (ReflectionTypeLoadException e) { types = [.. e.Types.OfType<Type>()]; }
            foreach (var type in types.Where(t => t.IsSubclassOf(typeof(T)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null))
            {
                var key = name((T)Activator.CreateInstance(type)!);
                if (names.TryGetValue(key, out var other))
                    throw new InvalidOperationException($"{type.FullName} and {other.FullName} both call themselves '{key}': a {typeof(T).Name} name must be unique");
                names[key] = type;
                found.Add(new JsonDerivedType(type, key));
            }
        }
        return found;
    }
}
