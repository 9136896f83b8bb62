namespace SkeletonSsl.Augmentations;

/// <summary>Which variance σ̂² enters SimAM's minimal energy in <see cref="Eadm"/> (AimCLR Eq. 3).</summary>
public enum EadmVariance
{
    /// <summary>σ̂² = (1/N) Σ (x_i − μ̂)², N = T'·V: AimCLR Eq. 3 (and SimAM's paper).</summary>
    Population,

    /// <summary>σ̂² = (1/(N − 1)) Σ (x_i − μ̂)², as the released code computes it (spec/aimclr.md §5).</summary>
    Unbiased,
}
