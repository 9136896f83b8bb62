using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Losses;

/// <summary>
/// Nearest-neighbour mining, AimCLR's second training stage (Eq. 9; spec/aimclr.md §6). Each
/// query's top-k most similar queue entries become extra positives for the normal query's logits;
/// the positive set is the key plus the union N₊ = N₊ⁿ ∪ N₊ᵉ ∪ N₊ᵈ over the normal, extreme and
/// extreme-dropped queries.
/// </summary>
public static class NearestNeighbourMining
{
    /// <summary>
    /// The positive mask P: (N, 1 + K) bool, column 0 (the key) always set, plus 1 + the top-k queue
    /// indices of each similarity matrix (union, so a neighbour found twice counts once).
    /// similarities: each (N, K), any monotone function of q·queue (raw cosines or logits; only
    /// the order matters). Computed without gradient.
    /// </summary>
    public static Tensor PositiveMask(IReadOnlyList<Tensor> similarities, int topK)
    {
        if (similarities.Count == 0) throw new ArgumentException("at least one similarity matrix is needed", nameof(similarities));
        if (topK < 1) throw new ArgumentException($"top-k must be at least 1, got {topK}", nameof(topK));
        using var _ = no_grad();
        var first = similarities[0];
        long n = first.shape[0], k = first.shape[1];
        var mask = zeros(n, 1 + k, dtype: ScalarType.Bool, device: first.device);
        mask.select(1, 0).fill_(true);                                          // the key is always positive
        foreach (var s in similarities)
        {
            var (_, indices) = s.detach().topk(topK, dim: 1);                  // N₊ⁿ, N₊ᵉ, N₊ᵈ: top-k along the queue
            using (indices)
            using (var shifted = indices + 1)                                  // queue entry i is logit column 1 + i
            using (var ones = ones_like(shifted, dtype: ScalarType.Bool))
                mask.scatter_(1, shifted, ones);                               // union of the neighbour sets
        }
        return mask;
    }

    /// <summary>
    /// Eq. 9 over the positive set P (see <see cref="NnmLossForm"/>). logits: (N, 1 + K) over τ;
    /// positives: (N, 1 + K) bool from <see cref="PositiveMask"/>. Returns the batch mean. With
    /// P = {key} both forms equal InfoNCE (Eq. 1).
    /// </summary>
    public static Tensor Loss(Tensor logits, Tensor positives, NnmLossForm form = NnmLossForm.LogOfSummedProbability)
    {
        using var logProbabilities = nn.functional.log_softmax(logits, 1);
        if (form == NnmLossForm.LogOfSummedProbability)
        {
            // Eq. 9: −log (exp(ẑ·z/τ) + Σ_{j∈N₊} exp(ẑ·m_j/τ)) / (exp(ẑ·z/τ) + Σ_i exp(ẑ·m_i/τ))
            using var masked = logProbabilities.masked_fill(positives.logical_not(), double.NegativeInfinity);
            using var logSum = masked.logsumexp(1);
            return -logSum.mean();
        }
        // Released code: −(1/|P_n|) Σ_{j∈P_n} log softmax(z_n)_j
        using var weights = positives.to_type(logProbabilities.dtype);
        using var picked = (logProbabilities * weights).sum(1);
        using var counts = weights.sum(1);
        using var perSample = picked / counts;
        return -perSample.mean();
    }
}
