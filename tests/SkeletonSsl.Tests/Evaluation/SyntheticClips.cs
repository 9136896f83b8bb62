using SkeletonSsl.Data;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

/// <summary>Small seeded (N, 3, 4, 25, 1) clip sets: separable (a class mean plus noise) or random-label noise.</summary>
internal static class SyntheticClips
{
    public const int C = 3, T = 4, V = 25, M = 1;
    public const long InputSize = C * T * V * M;

    /// <summary>(train, test) splits whose class k has a fixed random mean; noise σ relative to unit-norm-ish means.</summary>
    public static (SkeletonDataset Train, SkeletonDataset Test) Separable(int perClassTrain, int perClassTest, int classes, double noise, long seed)
    {
        var g = new Generator((ulong)seed);
        var means = randn([classes, C, T, V, M], generator: g);
        return (Make(means, perClassTrain, noise, g, "tr"), Make(means, perClassTest, noise, g, "te"));
    }

    /// <summary>(train, test) splits of pure noise with labels drawn uniformly at random.</summary>
    public static (SkeletonDataset Train, SkeletonDataset Test) RandomLabels(int train, int test, int classes, long seed)
    {
        var g = new Generator((ulong)seed);
        SkeletonDataset Make(int n, string prefix)
        {
            var labels = randint(0, classes, [n], generator: g).data<long>().ToArray();
            return new SkeletonDataset(randn([n, C, T, V, M], generator: g), labels, Names(prefix, n), classes);
        }
        return (Make(train, "tr"), Make(test, "te"));
    }

    private static SkeletonDataset Make(Tensor means, int perClass, double noise, Generator g, string prefix)
    {
        int classes = (int)means.shape[0];
        var labels = Enumerable.Range(0, classes * perClass).Select(i => (long)(i % classes)).ToArray();
        var idx = tensor(labels);
        var data = means.index_select(0, idx) + noise * randn([labels.Length, C, T, V, M], generator: g);
        return new SkeletonDataset(data, labels, Names(prefix, labels.Length), classes);
    }

    private static string[] Names(string prefix, int n) => Enumerable.Range(0, n).Select(i => $"{prefix}{i:D5}").ToArray();
}
