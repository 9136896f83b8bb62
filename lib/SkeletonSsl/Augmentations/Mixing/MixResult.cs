using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Mixing;

/// <summary>
/// A mixed batch: <see cref="Mixed"/> (N, C, T, V, M); <see cref="Lambda"/> (N) float32, the
/// partner's share (Mixup's λ, or the region's area fraction for the cut mixes);
/// <see cref="Partner"/> (N) int64, the index π(i) of each clip's partner; the mix drawn for the batch.
/// </summary>
public sealed record MixResult(Tensor Mixed, Tensor Lambda, Tensor Partner, MixKind Kind)
{
    /// <summary>
    /// The same mixture of per-sample rows, (1−λ)·k + λ·k[π] (PCM3's mixed key before its L2
    /// normalisation, spec/pcm3.md §6.2). k: (N, D) → (N, D).
    /// </summary>
    public Tensor MixRows(Tensor k)
    {
        using var scope = NewDisposeScope();
        var lambda = Lambda.to(k.dtype, k.device).unsqueeze(1);
        var partner = k.index_select(0, Partner.to(k.device));
        return ((1 - lambda) * k + lambda * partner).MoveToOuterDisposeScope();
    }
}
