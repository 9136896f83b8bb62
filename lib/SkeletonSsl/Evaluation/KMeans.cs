using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// k-means as scikit-learn's KMeans: greedy k-means++ seeding (2 + ⌊ln k⌋ candidates per centre,
/// each drawn with probability ∝ D², the one lowering the potential most kept), Lloyd iterations
/// until the squared centre shift falls below tol · mean feature variance, the best of nInit runs
/// by inertia. nInit defaults to 10, scikit-learn's default before 1.4. An empty cluster keeps its
/// previous centre. Randomness comes from the passed-in generator.
/// </summary>
public static class KMeans
{
    /// <summary>Clusters x: (N, D) into k groups; returns the cluster of each row and the inertia (Σ squared distances).</summary>
    public static (long[] Assignments, double Inertia) Fit(Tensor x, int k, Generator generator, int nInit = 10, int maxIterations = 300, double tol = 1e-4)
    {
        long n = x.shape[0];
        if (x.dim() != 2) throw new ArgumentException("k-means needs (N, D) data", nameof(x));
        if (k < 1 || k > n) throw new ArgumentException($"k must lie in [1, {n}], got {k}", nameof(k));
        using var scope = NewDisposeScope();
        var data = x.to(ScalarType.Float64).cpu();
        double threshold = tol * data.var(0, unbiased: false).mean().item<double>();
        long[]? bestAssign = null;
        double bestInertia = double.PositiveInfinity;
        for (int run = 0; run < Math.Max(1, nInit); run++)
        {
            var centres = PlusPlus(data, k, generator);
            Tensor assign = zeros(n, dtype: ScalarType.Int64);
            for (int it = 0; it < maxIterations; it++)
            {
                assign = Distances(data, centres).argmin(1);                                     // (N)
                var sums = zeros(k, data.shape[1], dtype: ScalarType.Float64).index_add_(0, assign, data, 1);
                var counts = bincount(assign, null, k).to(ScalarType.Float64).unsqueeze(1);
                var moved = where(counts > 0, sums / counts.clamp_min(1), centres);
                double shift = (moved - centres).pow(2).sum().item<double>();
                centres = moved;
                if (shift <= threshold) break;
            }
            var d = Distances(data, centres);
            assign = d.argmin(1);
            double inertia = d.min(1).values.sum().item<double>();
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                bestAssign = assign.data<long>().ToArray();
            }
        }
        return (bestAssign!, bestInertia);
    }

    /// <summary>Greedy k-means++ (sklearn _kmeans_plusplus). Returns (k, D) centres.</summary>
    private static Tensor PlusPlus(Tensor x, int k, Generator generator)
    {
        long n = x.shape[0];
        int trials = 2 + (int)Math.Log(k);
        var centres = new List<Tensor> { x[randint(0, n, [1], generator: generator).item<long>()] };
        var closest = Distances(x, centres[0].unsqueeze(0)).squeeze(1);                          // D² to the nearest centre
        double potential = closest.sum().item<double>();
        for (int c = 1; c < k; c++)
        {
            var draws = rand(trials, dtype: ScalarType.Float64, generator: generator) * potential;
            var candidates = searchsorted(closest.cumsum(0), draws).clamp_max(n - 1);            // P(i) ∝ D²(i)
            var candidateDist = Distances(x, x.index_select(0, candidates)).t().minimum(closest.unsqueeze(0));   // (trials, N)
            var pots = candidateDist.sum(1);
            long bestTrial = pots.argmin().item<long>();
            potential = pots[bestTrial].item<double>();
            closest = candidateDist[bestTrial];
            centres.Add(x[candidates[bestTrial].item<long>()]);
        }
        return stack(centres);
    }

    /// <summary>Squared distances of rows of x (N, D) to centres (K, D): (N, K).</summary>
    private static Tensor Distances(Tensor x, Tensor centres) =>
        (x.pow(2).sum(1, keepdim: true) + centres.pow(2).sum(1).unsqueeze(0) - 2 * x.matmul(centres.t())).clamp_min(0);
}
