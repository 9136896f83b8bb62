using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Energy-based Attention-guided Drop Module (AAAI 2022, §"EADM"; spec/aimclr.md §5),
/// parameter-free, applied to the final ST-GCN feature map of the extreme view's drop branch:
/// SimAM attention a = sigmoid(1/e*) drops the most attended joints (spatial mask) and then the
/// most attended elements (the "temporal" mask, element-wise), each followed by a batch-global
/// rescaling as in Algorithm 1. Masks and scales are constants for autograd. Hand it to the
/// encoder as a hook with <see cref="AsHook"/>.
/// </summary>
public sealed class Eadm : nn.Module<Tensor, Tensor>
{
    public Eadm(EadmOptions? options = null) : base("eadm")
    {
        Options = options ?? new EadmOptions();
        RegisterComponents();
    }

    public EadmOptions Options { get; }

    /// <summary>The module as the encoder's feature-map hook.</summary>
    public Func<Tensor, Tensor> AsHook() => forward;

    /// <summary>f: (NM, C, T', V) feature map → (NM, C, T', V) with dropped positions zeroed and the rest rescaled.</summary>
    public override Tensor forward(Tensor f)
    {
        if (f.dim() != 4)
            throw new ArgumentException($"EADM expects a feature map shaped (NM, C, T', V), got ({string.Join(", ", f.shape)})", nameof(f));
        if (Options.ReleasedCodeBug2021) return f.alias();            // all-ones masks: F_drop = F exactly (spec §5, code-2021)
        long nm = f.shape[0], c = f.shape[1], t = f.shape[2], v = f.shape[3];
        using var scope = NewDisposeScope();
        Tensor spatial, element;
        using (no_grad())
        {
            var a = Attention(f.detach(), Options.Lambda, Options.Variance);
            spatial = a.mean([1, 2]).lt(Options.KeepProb).to(f.dtype).view(nm, 1, 1, v);   // m_S: drop s ≥ 0.7
            spatial = spatial * ((double)(nm * v) / spatial.sum().clamp_min(1).item<float>()); // · NM·V / Σ m_S (batch-global)
            element = a.lt(Options.KeepProb).to(f.dtype);                                   // m_T from the original F's attention
            element = element * ((double)(nm * c * t * v) / element.sum().clamp_min(1).item<float>());   // · NM·C·T'·V / Σ m_T
        }
        return f.mul(spatial).mul(element).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// SimAM attention per (sample, channel) over the N = T'·V positions: d = F − μ̂,
    /// σ̂² = Σd²/N (Eq. 3) or Σd²/(N−1) (<see cref="EadmVariance.Unbiased"/>, the released code),
    /// y = d²/(4(σ̂² + λ)) + 0.5 (the inverse minimal energy 1/e_t), a = sigmoid(y).
    /// f: (NM, C, T', V) → (NM, C, T', V) in [0.6225, 1).
    /// </summary>
    public static Tensor Attention(Tensor f, double lambda = 1e-4, EadmVariance variance = EadmVariance.Population)
    {
        long divisor = variance switch
        {
            EadmVariance.Population => f.shape[2] * f.shape[3],                           // Eq. 3: 1/N, N = T'·V
            EadmVariance.Unbiased => f.shape[2] * f.shape[3] - 1,                         // released code: 1/(N − 1)
            _ => throw new ArgumentOutOfRangeException(nameof(variance), variance, "expected Population or Unbiased"),
        };
        using var scope = NewDisposeScope();
        var d2 = (f - f.mean([2, 3], keepdim: true)).square();
        var sigma2 = d2.sum([2, 3], keepdim: true) / divisor;                          // σ̂²
        var y = d2 / (4 * (sigma2 + lambda)) + 0.5;                                    // 1/e_t = ((t − μ̂)² + 2σ̂² + 2λ) / (4(σ̂² + λ)), Eq. 3
        return y.sigmoid().MoveToOuterDisposeScope();
    }
}
