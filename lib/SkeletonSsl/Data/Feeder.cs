using static TorchSharp.torch;

namespace SkeletonSsl.Data;

/// <summary>
/// Batches of a <see cref="SkeletonDataset"/> held in memory, as the reference DataLoaders give them
/// (spec/aimclr.md §1.3: shuffle, drop_last for training): each batch is one index_select on the
/// stored tensor, moved to the device. Shuffling draws a permutation from the generator passed to
/// <see cref="Epoch"/>, so the same seed gives the same order.
/// </summary>
public sealed class Feeder
{
    private readonly SkeletonDataset _dataset;
    private readonly Tensor _labels;

    public int BatchSize { get; }
    public bool Shuffle { get; }
    public bool DropLast { get; }
    public Device Device { get; }

    public Feeder(SkeletonDataset dataset, int batchSize, bool shuffle = false, bool dropLast = false, Device? device = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive");
        _dataset = dataset;
        _labels = dataset.LabelTensor().DetachFromDisposeScope();
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Device = device ?? CPU;
    }

    /// <summary>Batches per epoch: ⌊N / B⌋ with drop_last, else ⌈N / B⌉.</summary>
    public int BatchesPerEpoch => DropLast ? _dataset.Count / BatchSize : (_dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// One pass over the data. Each batch's tensors belong to the caller (dispose the batch, or let an
    /// enclosing dispose scope take them). <paramref name="generator"/> is required when shuffling.
    /// </summary>
    public IEnumerable<FeederBatch> Epoch(Generator? generator = null)
    {
        if (Shuffle && generator is null) throw new ArgumentException("a shuffling feeder needs a generator (seeded from the experiment seed)", nameof(generator));
        Tensor order = Shuffle ? randperm(_dataset.Count, generator: generator) : arange(_dataset.Count, dtype: ScalarType.Int64);
        try
        {
            for (int b = 0; b < BatchesPerEpoch; b++)
            {
                long start = (long)b * BatchSize;
                long size = Math.Min(BatchSize, _dataset.Count - start);
                var indices = order.narrow(0, start, size).clone();
                Tensor x, y;
                using (var scope = NewDisposeScope())
                {
                    x = _dataset.Data.index_select(0, indices).to(Device).MoveToOuterDisposeScope();
                    y = _labels.index_select(0, indices).to(Device).MoveToOuterDisposeScope();
                }
                yield return new FeederBatch(x, y, indices, indices.data<long>().ToArray().Select(i => _dataset.Frames[i]).ToArray());
            }
        }
        finally
        {
            order.Dispose();
        }
    }
}

/// <summary>
/// One batch: X (N, C, T, V, M) float32 and Y (N) int64 on the feeder's device, Indices (N) int64
/// on the CPU (positions in the dataset, e.g. to key saved logits by sample name), Frames: each
/// clip's valid frame count (from <see cref="SkeletonDataset.Frames"/>).
/// </summary>
public sealed record FeederBatch(Tensor X, Tensor Y, Tensor Indices, long[] Frames) : IDisposable
{
    public void Dispose()
    {
        X.Dispose();
        Y.Dispose();
        Indices.Dispose();
    }
}
