using SkeletonSsl.Evaluation;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class ClusteringTests
{
    [Fact]
    public void Nmi_is_one_for_relabelled_partitions_and_zero_for_independent_ones()
    {
        Assert.Equal(1.0, MutualInformation.Normalized([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9]), 12);
        Assert.Equal(0.0, MutualInformation.Normalized([0, 0, 1, 1], [0, 1, 0, 1]), 12);
        Assert.Equal(1.0, MutualInformation.Normalized([4, 4, 4], [1, 1, 1]), 12);
    }

    [Fact]
    public void Nmi_uses_the_arithmetic_mean_of_the_entropies()
    {
        // U = [0,0,1,1], V = [0,0,0,1]: MI = ½ln(4/3) + ¼ln(2/3) + ¼ln2, H(U) = ln2, H(V) = −(¾ln¾ + ¼ln¼).
        double mi = 0.5 * Math.Log(4.0 / 3) + 0.25 * Math.Log(2.0 / 3) + 0.25 * Math.Log(2);
        double hu = Math.Log(2), hv = -(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25));
        Assert.Equal(mi / ((hu + hv) / 2), MutualInformation.Normalized([0, 0, 1, 1], [0, 0, 0, 1]), 12);
    }

    [Fact]
    public void Kmeans_recovers_well_separated_blobs()
    {
        var g = new Generator(61);
        var centres = tensor(new float[,] { { 0, 0 }, { 10, 0 }, { 0, 10 }, { 10, 10 } });
        var labels = Enumerable.Range(0, 200).Select(i => (long)(i % 4)).ToArray();
        var x = centres.index_select(0, tensor(labels)) + 0.5f * randn([200, 2], generator: g);
        var (assign, inertia) = KMeans.Fit(x, 4, new Generator(62));
        Assert.Equal(1.0, MutualInformation.Normalized(assign, labels), 9);
        Assert.InRange(inertia, 0.5 * 0.5 * 2 * 200 * 0.7, 0.5 * 0.5 * 2 * 200 * 1.3);   // ≈ N · D · σ²
    }
}
