using System.Text.Json.Serialization;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Experiments;

/// <summary>
/// One self-supervised pre-training run: a method config (its paper settings or an ablation; the evaluation
/// recipes are not part of it) on one input stream of one dataset split. Equal specs are the same run;
/// <see cref="Hash"/> names it on disk, so a run shared by several tables and protocols is trained once.
/// </summary>
public sealed record PretrainSpec
{
    public PretrainSpec(MethodConfig method, SkeletonStream stream, string dataset, string split)
    {
        Method = method.ForPretraining();
        Stream = stream;
        Dataset = dataset;
        Split = split;
    }

    public MethodConfig Method { get; }
    public SkeletonStream Stream { get; }
    public string Dataset { get; }
    public string Split { get; }

    /// <summary>The canonical one-line form that <see cref="Hash"/> digests: the method's typed JSON, stream, dataset and split.</summary>
    [JsonIgnore]
    public string Canonical => SpecText.Canonical(
        ("method", ConfigJson.Canonical(Method)), ("stream", SpecText.Stream(Stream)), ("dataset", Dataset), ("split", Split));

    /// <summary>A 16-hex-digit SHA-256 prefix of <see cref="Canonical"/>: the config hash of the run.</summary>
    [JsonIgnore]
    public string Hash => SpecText.Hash(Canonical);

    public bool Equals(PretrainSpec? other) => other is not null && Canonical == other.Canonical;

    public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Canonical;
}
