using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Losses;

/// <summary>
/// Dual distributional divergence minimisation, the D³M loss of AimCLR (Eq. 7-8; spec/aimclr.md §6).
/// The normally augmented query's distribution over [key, queue] is the target, detached, and the
/// extreme (or extreme-and-dropped) query's distribution is pulled towards it with a cross-entropy.
/// A2MC's strong-branch loss (its Eq. 11) has the same form.
/// </summary>
public static class D3m
{
    /// <summary>
    /// Eq. 7/8: L_d = −(1/N) Σ_n Σ_j p(j | ẑ_n) · log p(j | z̃_n), with p = softmax over the 1 + K
    /// logits. targetLogits (normal query, z) and logits (extreme query, z̃): (N, 1 + K), already
    /// divided by τ. No gradient reaches the target.
    /// </summary>
    public static Tensor Loss(Tensor targetLogits, Tensor logits)
    {
        using var target = nn.functional.softmax(targetLogits.detach(), 1);   // p(·|ẑ), stop-gradient
        using var logProbabilities = nn.functional.log_softmax(logits, 1);     // log p(·|z̃)
        using var product = target * logProbabilities;
        using var perSample = product.sum(1);
        return -perSample.mean();
    }
}
