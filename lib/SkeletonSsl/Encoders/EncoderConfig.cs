using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders;

/// <summary>
/// The encoder of a method, as a closed set of typed configs (ST-GCN | GRU, later the transformers): each
/// builds its module, knows its feature width, its projection-head settings and its reduced sizes per
/// profile. A method config holds one (<c>Encoder</c>); it serialises with its <see cref="Kind"/> so that
/// a run folder's config.json names the architecture it trained.
/// </summary>
public abstract record EncoderConfig
{
    /// <summary>The catalog key ("stgcn", "gru").</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Width of the backbone feature (256 for AimCLR's ST-GCN, 2048 for the CMD GRU).</summary>
    [JsonIgnore]
    public abstract int FeatureDim { get; }

    /// <summary>The encoder, initialised from <paramref name="generator"/> (torch's global generator when null), on the CPU.</summary>
    public abstract SkeletonEncoder Build(Generator? generator = null);

    /// <summary>This encoder with the head set: the "mlp" projection (FeatureDim → FeatureDim → output) or one linear layer.</summary>
    public abstract EncoderConfig WithHead(bool mlp, int output);

    /// <summary>
    /// The encoder at a profile's size (DESIGN "Profiles"): Paper unchanged; Quick and Smoke narrower,
    /// keeping the head settings. Reduced-profile choices, not the papers'.
    /// </summary>
    public abstract EncoderConfig For(Profile profile);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent field.</summary>
    public abstract void Validate();
}
