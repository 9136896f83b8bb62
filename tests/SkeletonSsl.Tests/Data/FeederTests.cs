using SkeletonSsl.Data;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Data;

public sealed class FeederTests
{
    private static SkeletonDataset Dataset(int n)
    {
        NativeRuntime.EnsureInitialised();
        var data = arange(n, dtype: ScalarType.Float32).reshape(n, 1, 1, 1, 1).expand(n, 3, 4, 25, 2).contiguous();
        return new SkeletonDataset(data, Enumerable.Range(0, n).Select(i => (long)(i % 3)).ToArray(),
            Enumerable.Range(0, n).Select(i => $"s{i}").ToArray(), 3);
    }

    [Fact]
    public void Shuffled_epoch_with_drop_last_visits_distinct_samples_in_full_batches()
    {
        using var ds = Dataset(23);
        var feeder = new Feeder(ds, batchSize: 5, shuffle: true, dropLast: true);
        Assert.Equal(4, feeder.BatchesPerEpoch);
        var seen = new List<long>();
        foreach (var batch in feeder.Epoch(new Generator(3)))
        {
            using (batch)
            {
                Assert.Equal([5L, 3, 4, 25, 2], batch.X.shape);
                var idx = batch.Indices.data<long>().ToArray();
                Assert.Equal(idx.Select(i => (float)i), batch.X[.., 0, 0, 0, 0].data<float>().ToArray());
                Assert.Equal(idx.Select(i => i % 3), batch.Y.data<long>().ToArray());
                seen.AddRange(idx);
            }
        }
        Assert.Equal(20, seen.Distinct().Count());
        Assert.NotEqual(Enumerable.Range(0, 20).Select(i => (long)i), seen);
    }

    [Fact]
    public void Without_drop_last_every_sample_comes_exactly_once_and_the_seed_fixes_the_order()
    {
        using var ds = Dataset(23);
        var feeder = new Feeder(ds, batchSize: 5, shuffle: true);
        long[] Order(ulong seed) => feeder.Epoch(new Generator(seed)).SelectMany(b => { using (b) return b.Indices.data<long>().ToArray(); }).ToArray();
        var first = Order(11);
        Assert.Equal(Enumerable.Range(0, 23).Select(i => (long)i), first.Order());
        Assert.Equal(first, Order(11));
        Assert.NotEqual(first, Order(12));
    }

    [Fact]
    public void Unshuffled_feeder_keeps_dataset_order_and_shuffling_demands_a_generator()
    {
        using var ds = Dataset(7);
        var plain = new Feeder(ds, batchSize: 3);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i),
            plain.Epoch().SelectMany(b => { using (b) return b.Indices.data<long>().ToArray(); }));
        Assert.Throws<ArgumentException>(() => new Feeder(ds, 3, shuffle: true).Epoch().ToList());
    }
}
