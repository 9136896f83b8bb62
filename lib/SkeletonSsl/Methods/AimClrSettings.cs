using SkeletonSsl.Augmentations;
using SkeletonSsl.Losses;

namespace SkeletonSsl.Methods;

/// <summary>
/// AimCLR's own settings on top of MoCo (spec/aimclr.md §5, §6, §8.1; paper §3.5, §4.2).
/// Defaults follow the paper: NNM with top-k = 1 from epoch 151 (<see cref="MiningEpoch"/> = 150,
/// epochs 1-based), Eq. 9 as a log of the summed positive probability, α = β = 1, EADM with
/// keep threshold 0.7 in its fixed form.
/// </summary>
public sealed record AimClrSettings
{
    /// <summary>A <see cref="MiningEpoch"/> that no run reaches: NNM off (AimCLR Table 1's ablations).</summary>
    public const int Never = int.MaxValue;

    /// <summary>The last epoch of stage 1; NNM is used from epoch MiningEpoch + 1 (int.MaxValue: never).</summary>
    public int MiningEpoch { get; init; } = 150;

    /// <summary>Neighbours mined per query (k in Eq. 9).</summary>
    public int TopK { get; init; } = 1;

    public NnmLossForm NnmForm { get; init; } = NnmLossForm.LogOfSummedProbability;

    /// <summary>α: weight of L_Info (stage 1) or L_N (stage 2).</summary>
    public double ContrastiveWeight { get; init; } = 1.0;

    /// <summary>β: weight of L_D = ½(L_d1 + L_d2).</summary>
    public double D3mWeight { get; init; } = 1.0;

    /// <summary>The EADM drop branch (ablation switch): off leaves L_D = L_d1.</summary>
    public bool DropBranch { get; init; } = true;

    /// <summary>EADM settings: keep threshold 0.7 as the encoder builds it, the fixed masks by default.</summary>
    public EadmOptions Eadm { get; init; } = new();

    /// <summary>Augmentation preset of the extreme view T' (the normal views use the run's normal preset).</summary>
    public string ExtremeAugmentation { get; init; } = "aimclr-extreme";

    public void Validate()
    {
        if (MiningEpoch < 0) throw new ArgumentException($"mining epoch must be 0 or more, got {MiningEpoch}");
        if (TopK < 1) throw new ArgumentException($"NNM top-k must be at least 1, got {TopK}");
        if (Eadm.KeepProb is <= 0 or > 1) throw new ArgumentException($"EADM keep_prob must lie in (0, 1], got {Eadm.KeepProb}");
    }
}
