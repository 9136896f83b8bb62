using System.Collections.Immutable;
using System.Text.Json.Serialization;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Experiments;

/// <summary>
/// One self-supervised pre-training run: a method on one input stream of one dataset split, with
/// the method's switches (ablations, epochs). Equal specs are the same run; <see cref="Hash"/> names
/// it on disk, so a run shared by several tables and protocols is trained once.
/// </summary>
/// <param name="Method">A catalog method name ("aimclr", "skeletonclr", "random-init").</param>
/// <param name="Stream">The input stream the encoder sees.</param>
/// <param name="Dataset">A catalog dataset name ("ntu60", "ntu120", "pku1", "pku2").</param>
/// <param name="Split">The split of that dataset ("xsub", "xview", "xset").</param>
/// <param name="Options">Method switches, e.g. eadm=off, nnm=off, augmentation=extreme, epochs=100;
/// absent keys mean the paper's default.</param>
public sealed record PretrainSpec(string Method, SkeletonStream Stream, string Dataset, string Split,
                                  ImmutableSortedDictionary<string, string> Options)
{
    /// <summary>The canonical one-line form that <see cref="Hash"/> digests.</summary>
    [JsonIgnore]
    public string Canonical => SpecText.Canonical(
        ("method", Method), ("stream", SpecText.Stream(Stream)), ("dataset", Dataset), ("split", Split),
        ("options", SpecText.Options(Options)));

    /// <summary>A 16-hex-digit SHA-256 prefix of <see cref="Canonical"/>: the config hash of the run.</summary>
    [JsonIgnore]
    public string Hash => SpecText.Hash(Canonical);

    /// <summary>The value of a switch, or <paramref name="fallback"/> when the spec keeps the default.</summary>
    public string Option(string key, string fallback) => Options.GetValueOrDefault(key, fallback);

    public bool Equals(PretrainSpec? other) => other is not null && Canonical == other.Canonical;

    public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Canonical;
}
