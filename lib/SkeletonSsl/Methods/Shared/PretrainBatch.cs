using SkeletonSsl.Augmentations;
using static TorchSharp.torch;

namespace SkeletonSsl.Methods.Shared;

/// <summary>
/// A raw (un-augmented) batch. Clips: (N, C, T, V, M) float32 on the training device; Frames: each
/// clip's valid frame count in [1, T] (from the store, <see cref="Data.SkeletonDataset.Frames"/>),
/// which the augmentations read; Indices: the clips' positions in the training set (for methods
/// that keep per-sample state).
/// </summary>
public sealed record PretrainBatch(Tensor Clips, long[] Frames, long[] Indices)
{
    public int Size => Indices.Length;

    /// <summary>The clips with their frame counts, as augmentations take them.</summary>
    public ClipBatch ToClipBatch() => new(Clips, Frames);
}
