using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Methods;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;

namespace SkeletonSsl.Experiments;

/// <summary>
/// Everything that defines a pre-training run except the data: method ("skeletonclr" or
/// "aimclr"), stream, seed, encoder, MoCo, the method's own settings, augmentation and
/// optimisation. Defaults are the AimCLR paper's (spec/aimclr.md §8.1); <see cref="PretrainPresets"/>
/// gives the Smoke / Quick / Paper profiles. Serialises with <see cref="ConfigJson"/>; its hash is
/// the run's provenance.
/// </summary>
public sealed record PretrainConfig
{
    public static IReadOnlyList<string> Methods { get; } = ["skeletonclr", "aimclr"];

    public string Method { get; init; } = "aimclr";
    public Profile Profile { get; init; } = Profile.Paper;
    public SkeletonStream Stream { get; init; } = SkeletonStream.Joint;
    public long Seed { get; init; }

    /// <summary>The encoder; its head output is set to <see cref="MocoConfig.FeatureDim"/> when built.</summary>
    public StGcnConfig Encoder { get; init; } = StGcnConfig.AimClr;

    public MocoConfig Moco { get; init; } = new();
    public AimClrConfig AimClr { get; init; } = new();

    /// <summary>Augmentation preset of the normal views (crop + shear, SkeletonCLR's and AimCLR's T).</summary>
    public string NormalAugmentation { get; init; } = "aimclr-normal";

    public TrainingConfig Training { get; init; } = new();

    /// <summary>The encoder as built for this run: MLP head with the MoCo feature dimension.</summary>
    public StGcnConfig EncoderWithHead => Encoder with { MlpHead = true, HeadOutput = Moco.FeatureDim };

    /// <summary>Throws ArgumentException naming the first invalid field.</summary>
    public void Validate()
    {
        if (!Methods.Contains(Method)) throw new ArgumentException($"unknown pre-training method '{Method}': expected one of {string.Join(", ", Methods)}");
        EncoderWithHead.Validate();
        Moco.Validate();
        AimClr.Validate();
        Training.Validate();
        if (Moco.QueueSize < Training.BatchSize)
            throw new ArgumentException($"the queue ({Moco.QueueSize}) must hold at least one batch ({Training.BatchSize})");
    }
}
