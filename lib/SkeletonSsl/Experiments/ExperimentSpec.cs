using System.Collections.Immutable;
using System.Text.Json.Serialization;
using System.Globalization;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Experiments;

/// <summary>
/// One cell's experiment: pre-train <see cref="Method"/> on each of <see cref="Streams"/> of a dataset
/// split, then evaluate with <see cref="Protocol"/>; with several streams the protocol's logits are
/// fused with <see cref="FusionWeights"/> (AimCLR §4.2: 0.6 joint, 0.6 bone, 0.4 motion). Immutable and
/// JSON-serialisable; <see cref="Hash"/> is the config hash recorded with every result and the key
/// under which a finished result is reused.
/// </summary>
/// <param name="Method">A catalog method name.</param>
/// <param name="Streams">One or more input streams (three for "3s-" rows).</param>
/// <param name="Dataset">A catalog dataset name.</param>
/// <param name="Split">The evaluation split ("xsub", "xview", "xset").</param>
/// <param name="Protocol">A catalog protocol name ("linear", "knn", "semi", "finetune", "tsne").</param>
/// <param name="MethodOptions">Pre-training switches (see <see cref="PretrainSpec.Options"/>).</param>
/// <param name="ProtocolOptions">Protocol options, e.g. semi labelled=0.01.</param>
/// <param name="FusionWeights">One weight per stream, in the order of <see cref="Streams"/>; empty for one stream.</param>
public sealed record ExperimentSpec(
    string Method,
    ImmutableArray<SkeletonStream> Streams,
    string Dataset,
    string Split,
    string Protocol,
    ImmutableSortedDictionary<string, string> MethodOptions,
    ImmutableSortedDictionary<string, string> ProtocolOptions,
    ImmutableArray<double> FusionWeights)
{
    /// <summary>AimCLR §4.2 "weights of [0.6, 0.6, 0.4]" for joint, bone, motion (spec/aimclr.md §8.2).</summary>
    public static double FusionWeight(SkeletonStream stream) => stream == SkeletonStream.Motion ? 0.4 : 0.6;

    /// <summary>The three streams in the order the paper's "joint+motion+bone" rows name them.</summary>
    public static readonly ImmutableArray<SkeletonStream> ThreeStreams =
        [SkeletonStream.Joint, SkeletonStream.Motion, SkeletonStream.Bone];

    /// <summary>A single-stream experiment.</summary>
    public static ExperimentSpec Single(string method, SkeletonStream stream, string dataset, string split, string protocol) =>
        new(method, [stream], dataset, split, protocol,
            ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty, []);

    /// <summary>A three-stream ("3s-") experiment fused with the paper's weights.</summary>
    public static ExperimentSpec ThreeStream(string method, string dataset, string split, string protocol) =>
        new(method, ThreeStreams, dataset, split, protocol,
            ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty,
            [.. ThreeStreams.Select(FusionWeight)]);

    /// <summary>This spec with one more pre-training switch.</summary>
    public ExperimentSpec WithMethodOption(string key, string value) => this with { MethodOptions = MethodOptions.SetItem(key, value) };

    /// <summary>This spec with one more protocol option.</summary>
    public ExperimentSpec WithProtocolOption(string key, string value) => this with { ProtocolOptions = ProtocolOptions.SetItem(key, value) };

    /// <summary>The pre-training runs this experiment needs, one per stream.</summary>
    [JsonIgnore]
    public IEnumerable<PretrainSpec> Pretrains => Streams.Select(s => new PretrainSpec(Method, s, Dataset, Split, MethodOptions));

    /// <summary>The canonical one-line form that <see cref="Hash"/> digests.</summary>
    [JsonIgnore]
    public string Canonical => SpecText.Canonical(
        ("method", Method),
        ("streams", string.Join('+', Streams.Select(SpecText.Stream))),
        ("dataset", Dataset), ("split", Split), ("protocol", Protocol),
        ("method-options", SpecText.Options(MethodOptions)),
        ("protocol-options", SpecText.Options(ProtocolOptions)),
        ("fusion", string.Join(',', FusionWeights.Select(w => w.ToString("R", CultureInfo.InvariantCulture)))));

    /// <summary>A 16-hex-digit SHA-256 prefix of <see cref="Canonical"/>: the config hash.</summary>
    [JsonIgnore]
    public string Hash => SpecText.Hash(Canonical);

    /// <summary>Checks the shape of the spec (names are checked against the catalog by <see cref="Catalog.Check"/>).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Method) || string.IsNullOrWhiteSpace(Dataset) ||
            string.IsNullOrWhiteSpace(Split) || string.IsNullOrWhiteSpace(Protocol))
            throw new ArgumentException($"experiment spec needs a method, dataset, split and protocol: {Canonical}");
        if (Streams.IsDefaultOrEmpty) throw new ArgumentException($"experiment spec needs at least one stream: {Canonical}");
        if (Streams.Distinct().Count() != Streams.Length) throw new ArgumentException($"experiment spec repeats a stream: {Canonical}");
        var weights = FusionWeights.IsDefault ? 0 : FusionWeights.Length;
        if (Streams.Length > 1 && weights != Streams.Length)
            throw new ArgumentException($"a {Streams.Length}-stream spec needs {Streams.Length} fusion weights, got {weights}: {Canonical}");
        if (Streams.Length == 1 && weights != 0)
            throw new ArgumentException($"a single-stream spec takes no fusion weights: {Canonical}");
    }

    public bool Equals(ExperimentSpec? other) => other is not null && Canonical == other.Canonical;

    public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Canonical;
}
