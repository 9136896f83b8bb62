using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class TsneTests
{
    private static (Tensor X, long[] Labels) Blobs(int perCluster, int clusters, int dim, double spread, long seed)
    {
        var g = new Generator((ulong)seed);
        var centres = randn([clusters, dim], generator: g) * 10;
        var labels = Enumerable.Range(0, clusters * perCluster).Select(i => (long)(i % clusters)).ToArray();
        var x = centres.index_select(0, tensor(labels)) + spread * randn([labels.Length, dim], generator: g);
        return (x, labels);
    }

    [Fact]
    public void Tsne_keeps_well_separated_clusters_apart()
    {
        var (x, labels) = Blobs(40, 3, 10, 1.0, seed: 51);
        var config = new TsneConfig().For(Profile.Smoke);
        var (embedding, kl) = Tsne.Embed(x, config, new Generator(52));
        Assert.Equal(new long[] { 120, 2 }, embedding.shape);
        var clusters = KMeans.Fit(embedding, 3, new Generator(53)).Assignments;
        Assert.True(MutualInformation.Normalized(clusters, labels) > 0.99);
        Assert.True(kl is > 0 and < 2, $"KL {kl}");
    }

    [Fact]
    public void Joint_probabilities_are_symmetric_sum_to_one_and_match_the_perplexity()
    {
        var (x, _) = Blobs(20, 2, 5, 1.0, seed: 54);
        using var d = Tsne.SquaredDistances(x.to(ScalarType.Float64));
        using var p = Tsne.JointProbabilities(d, 10);
        Assert.True(p.allclose(p.t(), 0, 1e-15));
        Assert.Equal(1.0, p.sum().item<double>(), 6);
        Assert.Equal(0.0, p.diagonal().abs().max().item<double>(), 12);
        // Each conditional row has entropy ln(perplexity), i.e. 2^H-style perplexity e^H = 10.
        using var cond = Tsne.ConditionalProbabilities(d, 10);
        var entropy = -(cond * cond.clamp_min(1e-300).log()).sum(1);
        Assert.True((entropy - Math.Log(10)).abs().max().item<double>() < 1e-4);
        Assert.True((cond.sum(1) - 1).abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void The_same_generator_seed_gives_the_same_embedding()
    {
        var (x, _) = Blobs(10, 2, 4, 1.0, seed: 55);
        var config = new TsneConfig { Perplexity = 5, Iterations = 60, ExaggerationIterations = 30, PcaInit = false };
        var (a, _) = Tsne.Embed(x, config, new Generator(56));
        var (b, _) = Tsne.Embed(x, config, new Generator(56));
        Assert.True(a.allclose(b, 0, 0));
    }

    [Fact]
    public void Figure_protocol_picks_ten_classes_and_reports_nmi()
    {
        var (_, test) = SyntheticClips.Separable(1, 12, 12, noise: 0.3, seed: 57);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 32, seed: 58);
        var result = Tsne.Evaluate(encoder, test, SkeletonStream.Joint, new TsneConfig { Perplexity = 10, Iterations = 300, ExaggerationIterations = 100 }, new Generator(59), CPU);
        Assert.Equal(10, result.Classes.Count);
        Assert.Equal(120, result.Points.Count);
        Assert.All(result.Labels, l => Assert.Contains(l, result.Classes));
        Assert.True(result.NmiFeatures > 0.95, $"NMI on features {result.NmiFeatures}");
        Assert.True(result.NmiEmbedding > 0.9, $"NMI on the embedding {result.NmiEmbedding}");
    }

    [Fact]
    public void Several_streams_are_embedded_jointly_from_normalised_concatenated_features()
    {
        var (_, test) = SyntheticClips.Separable(1, 6, 12, noise: 0.3, seed: 61);
        using var joint = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 62);
        using var motion = new TinyEncoder(SyntheticClips.InputSize, 8, seed: 63);
        var config = new TsneConfig { Perplexity = 10, Iterations = 300, ExaggerationIterations = 100 };
        var result = Tsne.Evaluate([(joint, SkeletonStream.Joint), (motion, SkeletonStream.Motion)], test, config, new Generator(64), CPU);
        Assert.Equal(test.Labels.Count(l => result.Classes.Contains(l)), result.Points.Count);
        Assert.Equal(SkeletonStream.Joint, result.Stream);
        Assert.True(result.NmiFeatures > 0.9, $"NMI on the joint features {result.NmiFeatures}");
        Assert.Throws<ArgumentException>(() => Tsne.Evaluate([], test, config, new Generator(1), CPU));
    }
}
