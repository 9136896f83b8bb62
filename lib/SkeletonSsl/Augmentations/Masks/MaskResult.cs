using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Masks;

/// <summary>
/// A masked batch: <see cref="Masked"/> = x ⊙ <see cref="Mask"/>, both (N, C, T, V, M), with the
/// keep-mask in x's dtype (1 = visible, 0 = masked; masked values are 0).
/// </summary>
public sealed record MaskResult(Tensor Masked, Tensor Mask) : IDisposable
{
    /// <summary>The fraction of masked entries per clip, (N) float32, over the first <paramref name="bodies"/> bodies.</summary>
    public Tensor MaskedFraction(long bodies = 1)
    {
        using var scope = NewDisposeScope();
        var visible = Mask.narrow(4, 0, bodies).mean([1, 2, 3, 4]);
        return (1 - visible).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Masked.Dispose();
        Mask.Dispose();
    }
}
