using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Masks;

/// <summary>A mask generator: returns the masked clips together with the binary keep-mask; frame counts are unchanged.</summary>
public interface IMasking : IAugmentation
{
    /// <summary>batch.X: (N, C, T, V, M) → masked (N, C, T, V, M) and keep-mask (N, C, T, V, M).</summary>
    MaskResult Mask(ClipBatch batch, Generator g);

    /// <summary>As an augmentation: the masked clips only (the keep-mask is disposed), the same frame counts.</summary>
    ClipBatch IAugmentation.Apply(ClipBatch batch, Generator g)
    {
        var result = Mask(batch, g);
        result.Mask.Dispose();
        return batch.WithClips(result.Masked);
    }
}
