using System.Text.Json.Serialization;
using SkeletonSsl.Augmentations;
using SkeletonSsl.Encoders;
using SkeletonSsl.Methods.Shared;

namespace SkeletonSsl.Experiments;

/// <summary>
/// What the MoCo v2 family shares (SkeletonCLR, AimCLR; later PCM3 and A2MC): the key queue and momentum
/// encoder settings, the normal views' augmentation preset, the projection head of the MoCo feature width,
/// and the reduced profiles' MoCo sizes (<see cref="ReducedProfiles"/>).
/// </summary>
public abstract record MocoMethodConfig : MethodConfig
{
    public MocoConfig Moco { get; init; } = new();

    /// <summary>The augmentation preset of the normal views (<see cref="AugmentationPresets"/>).</summary>
    public string NormalAugmentation { get; init; } = "aimclr-normal";

    [JsonIgnore]
    public override EncoderConfig TrainedEncoder => Encoder.WithHead(mlp: true, Moco.FeatureDim);

    /// <summary>The encoder's reduced size, the reduced MoCo sizes and a shortened schedule; Paper unchanged.</summary>
    public override MethodConfig For(Profile profile)
    {
        if (profile == Profile.Paper) return this;
        var (epochs, batch) = ReducedProfiles.Schedule(profile);
        return this with
        {
            Encoder = Encoder.For(profile), Moco = ReducedProfiles.Moco(Moco, profile), Training = Training.Shortened(epochs, batch),
        };
    }

    public override void Validate()
    {
        base.Validate();
        Moco.Validate();
        _ = AugmentationPresets.Create(NormalAugmentation);
        if (Moco.QueueSize < Training.BatchSize)
            throw new ArgumentException($"{Name}: the queue ({Moco.QueueSize}) must hold at least one batch ({Training.BatchSize})");
    }
}
