using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Tests.Skeletons;

public sealed class NtuGraphTests
{
    private static double Sum(float[,,] a, int k)
    {
        double s = 0;
        for (int v = 0; v < 25; v++)
            for (int w = 0; w < 25; w++) s += a[k, v, w];
        return s;
    }

    [Fact]
    public void Partition_sums_equal_the_spec_check_values()
    {
        var a = NtuGraph.SpatialPartition();
        Assert.Equal(8.95, Sum(a, 0), 4);
        Assert.Equal(13.30, Sum(a, 1), 4);
        Assert.Equal(2.75, Sum(a, 2), 4);
    }

    [Fact]
    public void Summed_partitions_have_every_column_summing_to_one()
    {
        var a = NtuGraph.SpatialPartition();
        for (int w = 0; w < 25; w++)
        {
            double col = 0;
            for (int k = 0; k < 3; k++)
                for (int v = 0; v < 25; v++) col += a[k, v, w];
            Assert.Equal(1.0, col, 5);
        }
    }

    [Fact]
    public void Further_partition_has_exactly_the_eight_listed_links()
    {
        var a = NtuGraph.SpatialPartition();
        // (source, target) 1-based with value 1/deg(target), spec/aimclr.md §3.1.
        var expected = new Dictionary<(int, int), double>
        {
            [(2, 1)] = 0.25, [(3, 4)] = 0.5, [(5, 6)] = 1 / 3.0, [(9, 10)] = 1 / 3.0,
            [(21, 2)] = 1 / 3.0, [(21, 3)] = 1 / 3.0, [(21, 5)] = 1 / 3.0, [(21, 9)] = 1 / 3.0,
        };
        int nonZero = 0;
        for (int v = 0; v < 25; v++)
            for (int w = 0; w < 25; w++)
            {
                if (a[2, v, w] == 0) continue;
                nonZero++;
                Assert.True(expected.TryGetValue((v + 1, w + 1), out double value), $"unexpected further link {v + 1}->{w + 1}");
                Assert.Equal(value, a[2, v, w], 6);
            }
        Assert.Equal(8, nonZero);
    }

    [Fact]
    public void Self_partition_is_the_inverse_degree_and_close_partition_has_forty_links()
    {
        var a = NtuGraph.SpatialPartition();
        var deg = NtuGraph.Degrees();
        int closeLinks = 0;
        for (int v = 0; v < 25; v++)
            for (int w = 0; w < 25; w++)
            {
                Assert.Equal(v == w ? 1f / deg[w] : 0f, a[0, v, w]);
                if (a[1, v, w] != 0) closeLinks++;
            }
        Assert.Equal(40, closeLinks);
    }

    [Fact]
    public void Degrees_match_the_spec()
    {
        var deg = NtuGraph.Degrees();
        for (int j = 1; j <= 25; j++)
        {
            int expected = j switch { 21 => 5, 1 => 4, 4 or 16 or 20 or 22 or 24 => 2, _ => 3 };
            Assert.Equal(expected, deg[j - 1]);
        }
    }
}
