using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Masks;

/// <summary>A mask generator: returns the masked clips together with the binary keep-mask.</summary>
public interface IMasking : IAugmentation
{
    /// <summary>x: (N, C, T, V, M) → masked (N, C, T, V, M) and keep-mask (N, C, T, V, M).</summary>
    MaskResult Mask(Tensor x, Generator g);

    /// <summary>As an augmentation: the masked clips only (the keep-mask is disposed).</summary>
    Tensor IAugmentation.Apply(Tensor x, Generator g)
    {
        var result = Mask(x, g);
        result.Mask.Dispose();
        return result.Masked;
    }
}
