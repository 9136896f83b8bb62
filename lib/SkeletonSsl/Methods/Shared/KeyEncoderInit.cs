namespace SkeletonSsl.Methods.Shared;

/// <summary>How the momentum (key) encoder starts (spec/aimclr.md §3.4, §11.6).</summary>
public enum KeyEncoderInit
{
    /// <summary>MoCo as described in the papers: θ_k starts as a copy of θ_q.</summary>
    CopyOfQuery,

    /// <summary>
    /// The AimCLR/CrosSCLR released code: the q→k copy is overwritten by a later re-initialisation,
    /// so θ_k starts from an independent random init and only converges to θ_q through the EMA.
    /// </summary>
    IndependentInit,
}
