using static TorchSharp.torch;

namespace SkeletonSsl.Methods.Shared;

/// <summary>
/// A raw (un-augmented) batch. Clips: (N, C, T, V, M) float32 on the training device;
/// Indices: the clips' positions in the training set (for methods that keep per-sample state).
/// </summary>
public sealed record PretrainBatch(Tensor Clips, long[] Indices)
{
    public int Size => Indices.Length;
}
