using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Losses;

/// <summary>
/// InfoNCE over a MoCo negative queue (AimCLR Eq. 1; spec/aimclr.md §4, §6). Logits put the key
/// (the one positive) in column 0 and the K queue entries after it, all divided by τ. Used by
/// SkeletonCLR, AimCLR's first stage, PCM3's contrastive terms and A2MC's one-hot pull.
/// </summary>
public static class InfoNce
{
    /// <summary>
    /// z = [q·k, q·queue] / τ. q, k: (N, D), L2-normalised; queue: (D, K), a constant snapshot
    /// (columns L2-normalised). Returns (N, 1 + K).
    /// </summary>
    public static Tensor Logits(Tensor q, Tensor k, Tensor queue, double temperature)
    {
        using var positive = (q * k).sum(1, keepdim: true);   // ẑ·z (Eq. 1 numerator)
        using var negatives = q.matmul(queue);                   // ẑ·m_i, i = 1..K
        using var all = cat([positive, negatives], 1);
        return all / temperature;                                // Eq. 1: everything over τ
    }

    /// <summary>
    /// Eq. 1: L = −log softmax(z)[0], the cross-entropy with class 0, averaged over the batch.
    /// logits: (N, 1 + K) → scalar.
    /// </summary>
    public static Tensor Loss(Tensor logits)
    {
        using var logProbabilities = nn.functional.log_softmax(logits, 1);
        using var positive = logProbabilities.select(1, 0);
        return -positive.mean();
    }
}
