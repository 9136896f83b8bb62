using System.Text.Json.Serialization;
using SkeletonSsl.Augmentations;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Methods;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Experiments;

/// <summary>
/// AimCLR (<see cref="Methods.AimClr"/>; Guo et al., AAAI 2022): SkeletonCLR plus the extreme view, EADM, D³M and
/// NNM (<see cref="Settings"/>), on AimCLR's ST-GCN with the paper's schedule (spec/aimclr.md §8.1). The ablation
/// switches of Tables 1 and 3 read as <c>with</c> expressions, e.g. <c>AimClrConfig.Paper with { DropBranch = false,
/// MiningEpoch = AimClrSettings.Never }</c>; they pass through to <see cref="Settings"/>, which is what serialises.
/// </summary>
public sealed record AimClrConfig : MocoMethodConfig
{
    [JsonIgnore]
    public override string Name => "aimclr";

    public override EncoderConfig Encoder { get; init; } = StGcnConfig.AimClr;

    /// <summary>AimCLR's own settings: NNM, D³M weights, the drop branch, EADM, the extreme chain T'.</summary>
    public AimClrSettings Settings { get; init; } = new();

    /// <summary>The paper's AimCLR.</summary>
    public static AimClrConfig Paper { get; } = new();

    /// <summary>The EADM drop branch (Table 1 "w/ EADM"); off leaves L_D = L_d1.</summary>
    [JsonIgnore]
    public bool DropBranch { get => Settings.DropBranch; init => Settings = Settings with { DropBranch = value }; }

    /// <summary>The last epoch before NNM (§3.5); <see cref="AimClrSettings.Never"/>: NNM off (Table 1).</summary>
    [JsonIgnore]
    public int MiningEpoch { get => Settings.MiningEpoch; init => Settings = Settings with { MiningEpoch = value }; }

    /// <summary>k of NNM (Eq. 9).</summary>
    [JsonIgnore]
    public int TopK { get => Settings.TopK; init => Settings = Settings with { TopK = value }; }

    /// <summary>β, the weight of L_D; 0 drops D³M.</summary>
    [JsonIgnore]
    public double D3mWeight { get => Settings.D3mWeight; init => Settings = Settings with { D3mWeight = value }; }

    /// <summary>The extreme view's preset T'.</summary>
    [JsonIgnore]
    public string ExtremeAugmentation { get => Settings.ExtremeAugmentation; init => Settings = Settings with { ExtremeAugmentation = value }; }

    /// <summary>SkeletonCLR's reduced sizes (<see cref="ReducedProfiles"/>), with NNM's start scaled like every epoch
    /// setting (Quick: from epoch 2 of 2; Smoke: from epoch 3 of 3, so both stages run).</summary>
    public override MethodConfig For(Profile profile) =>
        profile == Profile.Paper ? this
            : (AimClrConfig)base.For(profile) with { MiningEpoch = TrainingConfig.Scale(MiningEpoch, Training.ShorteningRatio(ReducedProfiles.Schedule(profile).Epochs)) };

    /// <summary>Table 1 and 3's switches in words: "without EADM", "without NNM", "NNM from epoch 100", "NNM top-5", "without D3M".</summary>
    public override IEnumerable<string> Differences(MethodConfig preset)
    {
        foreach (var d in base.Differences(preset)) yield return d;
        if (preset is not AimClrConfig paper) yield break;
        if (NormalAugmentation != paper.NormalAugmentation) yield return $"normal views {NormalAugmentation}";
        if (DropBranch != paper.DropBranch) yield return DropBranch ? "with EADM" : "without EADM";
        if (MiningEpoch != paper.MiningEpoch) yield return MiningEpoch == AimClrSettings.Never ? "without NNM" : $"NNM from epoch {MiningEpoch + 1}";
        if (TopK != paper.TopK) yield return $"NNM top-{TopK}";
        if (D3mWeight != paper.D3mWeight) yield return D3mWeight == 0 ? "without D3M" : $"D3M weight {D3mWeight}";
        if (ExtremeAugmentation != paper.ExtremeAugmentation) yield return $"extreme chain {ExtremeAugmentation}";
    }

    public override IPretrainMethod Create(SkeletonStream stream, Generator queueGenerator)
    {
        var encoder = TrainedEncoder;
        return new Methods.AimClr(Settings, Moco, () => encoder.Build(), new Eadm(Settings.Eadm).AsHook(),
                                  AugmentationPresets.Create(NormalAugmentation), AugmentationPresets.Create(Settings.ExtremeAugmentation),
                                  stream, queueGenerator);
    }

    public override void Validate()
    {
        base.Validate();
        Settings.Validate();
        _ = AugmentationPresets.Create(Settings.ExtremeAugmentation);
    }
}
