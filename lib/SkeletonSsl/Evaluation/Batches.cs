using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>Index batches over a split: CPU int64 index tensors to use with index_select.</summary>
internal static class Batches
{
    /// <summary>
    /// Consecutive batches of [0, count), shuffled when a generator is given. With dropLast the
    /// incomplete last batch is skipped, as the reference training loaders do — except when the
    /// split is smaller than one batch, which then trains as a single batch rather than not at all.
    /// The caller's dispose scope owns each yielded tensor.
    /// </summary>
    public static IEnumerable<Tensor> Of(long count, int batchSize, Generator? shuffle = null, bool dropLast = false)
    {
        if (batchSize < 1) throw new ArgumentException($"batch size must be positive, got {batchSize}", nameof(batchSize));
        using var order = shuffle is null ? arange(count, dtype: ScalarType.Int64) : randperm(count, generator: shuffle, dtype: ScalarType.Int64);
        long full = count / batchSize * batchSize;
        long end = dropLast && full > 0 ? full : count;
        for (long start = 0; start < end; start += batchSize)
            yield return order.narrow(0, start, Math.Min(batchSize, end - start));
    }

    /// <summary>Number of batches <see cref="Of"/> yields.</summary>
    public static int Count(long count, int batchSize, bool dropLast)
    {
        long full = count / batchSize;
        return (int)(dropLast && full > 0 ? full : (count + batchSize - 1) / batchSize);
    }
}
