namespace SkeletonSsl.Augmentations;

/// <summary>
/// Options of <see cref="Eadm"/> (spec/aimclr.md §5). KeepProb 0.7 is what AimCLR's encoder passes
/// (the module's own default is 0.9); Lambda is SimAM's λ. Variance: Eq. 3's 1/N by default;
/// <see cref="EadmVariance.Unbiased"/> divides by N − 1 as the released code does.
/// <see cref="ReleasedCodeBug2021"/> reproduces the first release, whose mask assignment made every
/// mask all ones, so EADM returned its input unchanged (fixed upstream later; off by default).
/// </summary>
public sealed record EadmOptions(double KeepProb = 0.7, double Lambda = 1e-4, bool ReleasedCodeBug2021 = false,
                                 EadmVariance Variance = EadmVariance.Population);
