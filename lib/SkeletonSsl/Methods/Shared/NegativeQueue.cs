using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Methods.Shared;

/// <summary>
/// MoCo v2's FIFO queue of negative keys (spec/aimclr.md §4; spec/pcm3.md §6.6). Buffers:
/// <c>queue</c> (D, K), initialised N(0, 1) with every column L2-normalised, and <c>queue_ptr</c>
/// (1) int64, the next column to overwrite. Both are saved with the method's state. The write
/// wraps around, so K need not be a multiple of the batch (the reference requires it; with such a
/// K both behave the same).
/// </summary>
public sealed class NegativeQueue : nn.Module
{
    /// <summary>Feature dimension D.</summary>
    public int Dim { get; }

    /// <summary>Queue length K.</summary>
    public int Size { get; }

    /// <param name="generator">CPU generator for the initial N(0, 1) entries.</param>
    public NegativeQueue(int dim, int size, Generator generator, string name = "queue") : base(name)
    {
        if (dim < 1 || size < 1) throw new ArgumentException($"queue needs a positive dimension and length, got {dim}×{size}");
        Dim = dim;
        Size = size;
        using var raw = randn(dim, size, generator: generator);
        register_buffer("queue", nn.functional.normalize(raw, dim: 0).DetachFromDisposeScope());
        register_buffer("queue_ptr", zeros(1, dtype: ScalarType.Int64).DetachFromDisposeScope());
    }

    /// <summary>The live queue buffer (D, K). Read <see cref="Snapshot"/> for logits.</summary>
    public Tensor Keys => get_buffer("queue")!;

    /// <summary>The next write position, a (1) int64 buffer.</summary>
    public Tensor Pointer => get_buffer("queue_ptr")!;

    /// <summary>
    /// A constant copy of the queue (D, K) from before this step's enqueue, as the reference's
    /// <c>queue.clone().detach()</c>: the enqueue may then run before backward.
    /// </summary>
    public Tensor Snapshot() => Keys.detach().clone();

    /// <summary>
    /// Enqueue and dequeue in one write: queue[:, ptr : ptr + N] = keysᵀ (modulo K), then
    /// ptr ← (ptr + N) mod K. keys: (N, D) with N ≤ K, L2-normalised, on the queue's device.
    /// </summary>
    public void Enqueue(Tensor keys)
    {
        if (keys.dim() != 2 || keys.shape[1] != Dim)
            throw new ArgumentException($"keys must be (N, {Dim}), got ({string.Join(", ", keys.shape)})", nameof(keys));
        long n = keys.shape[0];
        if (n > Size) throw new ArgumentException($"a batch of {n} keys does not fit a queue of {Size}", nameof(keys));
        using var _ = no_grad();
        var queue = Keys;
        var pointer = Pointer;
        using var offsets = arange(n, dtype: ScalarType.Int64, device: queue.device);
        using var columns = (offsets + pointer).remainder_(Size);     // oldest entries are overwritten first
        using var transposed = keys.detach().t().to(queue.dtype);
        queue.index_copy_(1, columns, transposed);
        pointer.add_(n).remainder_(Size);
    }
}
