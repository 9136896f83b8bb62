namespace SkeletonSsl.Encoders.StGcn;

/// <summary>How <see cref="StGcnEncoder.ResetParameters"/> draws the initial weights.</summary>
public enum StGcnInit
{
    /// <summary>The reference <c>weights_init</c> (spec/aimclr.md §3.4): conv/linear W ~ N(0, 0.02), b = 0, BN γ ~ N(1, 0.02).</summary>
    Reference,

    /// <summary>
    /// PyTorch's default layer initialisation: W, b ~ U(−1/√fan_in, 1/√fan_in), BN γ = 1, β = 0.
    /// A reduced-profile choice (not in the paper or the released code): with only a few hundred
    /// steps the reference N(0, 0.02) leaves the embeddings of all clips nearly parallel.
    /// </summary>
    PyTorchDefault,
}
