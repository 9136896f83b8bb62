using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Experiments;

/// <summary>Canonical text and hashing shared by <see cref="PretrainSpec"/> and <see cref="ExperimentSpec"/>.</summary>
internal static class SpecText
{
    public static string Canonical(params (string Key, string Value)[] fields) =>
        string.Join(';', fields.Select(f => $"{f.Key}={f.Value}"));

    public static string Options(ImmutableSortedDictionary<string, string> options) =>
        "{" + string.Join(',', options.Select(kv => $"{kv.Key}:{kv.Value}")) + "}";

    public static string Stream(SkeletonStream stream) => stream.ToString().ToLowerInvariant();

    public static SkeletonStream ParseStream(string text) => text.Trim().ToLowerInvariant() switch
    {
        "joint" => SkeletonStream.Joint,
        "bone" => SkeletonStream.Bone,
        "motion" => SkeletonStream.Motion,
        _ => throw new ArgumentException($"unknown stream '{text}': expected joint, bone or motion"),
    };

    public static string Hash(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
