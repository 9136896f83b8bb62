using System.Collections.Immutable;
using System.Text.Json.Serialization;
using System.Globalization;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Experiments;

/// <summary>
/// One cell's experiment: pre-train <see cref="Method"/> (a typed config: the paper's, or an ablation made
/// with <c>with</c>) on each of <see cref="Streams"/> of a dataset split, then evaluate with <see cref="Protocol"/>
/// (the method's recipe for it) on <see cref="Dataset"/> <see cref="Split"/>, which may differ from the
/// pre-training data (<see cref="PretrainedOn"/>: transfer, detection); with several streams the protocol's logits are
/// fused with <see cref="FusionWeights"/> (AimCLR §4.2: 0.6 joint, 0.6 bone, 0.4 motion). Immutable and
/// JSON-serialisable; <see cref="Hash"/> is the config hash recorded with every result and the key
/// under which a finished result is reused.
/// </summary>
/// <param name="Method">The method's config (a catalog method's type).</param>
/// <param name="Streams">One or more input streams (three for "3s-" rows).</param>
/// <param name="Dataset">The catalog dataset it is evaluated on.</param>
/// <param name="Split">The evaluation split ("xsub", "xview", "xset").</param>
/// <param name="Protocol">A catalog protocol name ("linear", "knn", "semi", "finetune", "tsne").</param>
/// <param name="ProtocolOptions">Protocol options, e.g. semi labelled=0.01.</param>
/// <param name="FusionWeights">One weight per stream, in the order of <see cref="Streams"/>; empty for one stream.</param>
public sealed record ExperimentSpec(
    MethodConfig Method,
    ImmutableArray<SkeletonStream> Streams,
    string Dataset,
    string Split,
    string Protocol,
    ImmutableSortedDictionary<string, string> ProtocolOptions,
    ImmutableArray<double> FusionWeights)
{
    /// <summary>AimCLR §4.2 "weights of [0.6, 0.6, 0.4]" for joint, bone, motion (spec/aimclr.md §8.2); <see cref="ThreeStream"/> takes the method's own.</summary>
    public static double FusionWeight(SkeletonStream stream) => stream == SkeletonStream.Motion ? 0.4 : 0.6;

    /// <summary>The three streams in the order the paper's "joint+motion+bone" rows name them.</summary>
    public static readonly ImmutableArray<SkeletonStream> ThreeStreams =
        [SkeletonStream.Joint, SkeletonStream.Motion, SkeletonStream.Bone];

    /// <summary>A single-stream experiment.</summary>
    public static ExperimentSpec Single(MethodConfig method, SkeletonStream stream, string dataset, string split, string protocol) =>
        new(method, [stream], dataset, split, protocol, ImmutableSortedDictionary<string, string>.Empty, []);

    /// <summary>A three-stream ("3s-") experiment fused with the weights of the method's recipes (AimCLR's 0.6/0.6/0.4 when it has none;
    /// CMD's methods average the streams, <see cref="EvaluationRecipes.Cmd"/>).</summary>
    public static ExperimentSpec ThreeStream(MethodConfig method, string dataset, string split, string protocol)
    {
        var weights = method.Recipes?.Fusion ?? Evaluation.FusionWeights.AimClr;
        return new(method, ThreeStreams, dataset, split, protocol, ImmutableSortedDictionary<string, string>.Empty,
                   [.. ThreeStreams.Select(weights.Of)]);
    }

    /// <summary>The dataset the encoders are pre-trained on; null: the evaluation's <see cref="Dataset"/>.</summary>
    public string? PretrainDataset { get; init; }

    /// <summary>The split pre-trained on; null: the evaluation's <see cref="Split"/>.</summary>
    public string? PretrainSplit { get; init; }

    /// <summary>This experiment with its encoders pre-trained on another dataset split (transfer: pre-train on A, evaluate on B).</summary>
    public ExperimentSpec PretrainedOn(string dataset, string split) =>
        dataset == Dataset && split == Split ? this with { PretrainDataset = null, PretrainSplit = null }
                                             : this with { PretrainDataset = dataset, PretrainSplit = split };

    /// <summary>This spec with one more protocol option.</summary>
    public ExperimentSpec WithProtocolOption(string key, string value) => this with { ProtocolOptions = ProtocolOptions.SetItem(key, value) };

    /// <summary>The pre-training runs this experiment needs, one per stream.</summary>
    [JsonIgnore]
    public IEnumerable<PretrainSpec> Pretrains => Streams.Select(s => new PretrainSpec(Method, s, PretrainDataset ?? Dataset, PretrainSplit ?? Split));

    /// <summary>The canonical one-line form that <see cref="Hash"/> digests.</summary>
    [JsonIgnore]
    public string Canonical => SpecText.Canonical(
        ("method", ConfigJson.Canonical(Method)),
        ("streams", string.Join('+', Streams.Select(SpecText.Stream))),
        ("pretrain", PretrainDataset is null && PretrainSplit is null ? "" : $"{PretrainDataset ?? Dataset}-{PretrainSplit ?? Split}"),
        ("dataset", Dataset), ("split", Split), ("protocol", Protocol),
        ("protocol-options", SpecText.Options(ProtocolOptions)),
        ("fusion", string.Join(',', FusionWeights.Select(w => w.ToString("R", CultureInfo.InvariantCulture)))));

    /// <summary>A 16-hex-digit SHA-256 prefix of <see cref="Canonical"/>: the config hash.</summary>
    [JsonIgnore]
    public string Hash => SpecText.Hash(Canonical);

    /// <summary>Checks the shape of the spec (names are checked against the catalog by <c>Catalog.Check</c> (Tables)).</summary>
    public void Validate()
    {
        if (Method is null || string.IsNullOrWhiteSpace(Dataset) ||
            string.IsNullOrWhiteSpace(Split) || string.IsNullOrWhiteSpace(Protocol))
            throw new ArgumentException($"experiment spec needs a method, dataset, split and protocol: {Canonical}");
        if ((PretrainDataset is null) != (PretrainSplit is null))
            throw new ArgumentException($"experiment spec names a pre-training dataset without a split, or a split without a dataset: {Canonical}");
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
