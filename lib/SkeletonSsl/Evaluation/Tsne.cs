using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Exact t-SNE (van der Maaten and Hinton 2008), following scikit-learn's "exact" method step by
/// step, on float64 tensors: Gaussian affinities whose per-point precision is found by binary
/// search to match log(perplexity) entropy, symmetrised P = (P_{j|i} + P_{i|j}) / 2N; Student-t
/// (one degree of freedom) Q; KL(P‖Q) by gradient descent with momentum and per-coordinate gains
/// (delta-bar-delta), early exaggeration first. Used for AimCLR's Figure 2 (spec/aimclr.md §9).
/// O(N²) memory and time: fine for a few thousand points.
/// </summary>
public static class Tsne
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Embeds x: (N, D) → (N, Components) float32 on the CPU; also returns the final KL(P‖Q).</summary>
    public static (Tensor Embedding, double KlDivergence) Embed(Tensor x, TsneConfig config, Generator generator, Action<EvaluationProgress>? progress = null)
    {
        long n = x.shape[0];
        if (x.dim() != 2 || n < 2) throw new ArgumentException($"t-SNE needs (N, D) with N ≥ 2, got [{string.Join(", ", x.shape)}]", nameof(x));
        if (config.Perplexity >= n) throw new ArgumentException($"perplexity ({config.Perplexity}) must be less than the number of points ({n})");
        using var outer = NewDisposeScope();
        var data = x.to(ScalarType.Float64).cpu();
        var p = JointProbabilities(SquaredDistances(data), config.Perplexity);                     // (N, N), Σ = 1
        var y = config.PcaInit ? PcaInit(data, config.Components)
                               : 1e-4 * randn([n, config.Components], ScalarType.Float64, generator: generator);
        double lr = config.LearningRate ?? Math.Max(n / config.EarlyExaggeration / 4, 50);       // sklearn "auto"
        int exaggerated = Math.Min(config.ExaggerationIterations, config.Iterations);
        Descend(p * config.EarlyExaggeration, y, 0, exaggerated, 0.5, lr, config.ExaggerationIterations, config, progress);
        double kl = Descend(p, y, exaggerated, config.Iterations, 0.8, lr, config.IterationsWithoutProgress, config, progress);
        return (y.to(ScalarType.Float32).DetachFromDisposeScope(), kl);
    }

    /// <summary>
    /// The figure protocol: features of the split (eval mode, the given stream), Classes randomly
    /// chosen classes, at most MaxPoints clips, t-SNE, and NMI of k-means (k = #classes) against
    /// the labels both on the embedding and on the features.
    /// </summary>
    public static EmbeddingResult Evaluate(SkeletonEncoder encoder, SkeletonDataset data, SkeletonStream stream, TsneConfig config,
        Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null) =>
        Evaluate([(encoder, stream)], data, config, generator, device, progress);

    /// <summary>
    /// The same over several streams ("3s" rows of AimCLR Fig. 2): each stream's features are
    /// L2-normalised and concatenated, so every stream weighs the same in the joint embedding.
    /// The paper does not say how its 3s embeddings were formed; this is our reading.
    /// </summary>
    public static EmbeddingResult Evaluate(IReadOnlyList<(SkeletonEncoder Encoder, SkeletonStream Stream)> streams, SkeletonDataset data,
        TsneConfig config, Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null)
    {
        if (streams.Count == 0) throw new ArgumentException("t-SNE needs at least one (encoder, stream)", nameof(streams));
        var present = data.Labels.Distinct().Order().ToArray();
        var chosenClasses = present.Length <= config.Classes ? present
            : randperm(present.Length, generator: generator).data<long>().Take(config.Classes).Select(i => present[i]).Order().ToArray();
        var keep = Enumerable.Range(0, data.Count).Where(i => chosenClasses.Contains(data.Labels[i])).ToArray();
        if (keep.Length > config.MaxPoints)
            keep = randperm(keep.Length, generator: generator).data<long>().Take(config.MaxPoints).Select(i => keep[i]).Order().ToArray();
        using var subset = data.Subset(keep);
        using var features = streams.Count == 1
            ? FeatureExtraction.Extract(streams[0].Encoder, subset, streams[0].Stream, device, progress: progress, protocol: "tsne")
            : ConcatenatedFeatures(streams, subset, device, progress);
        var (embedding, kl) = Embed(features, config, generator, progress);
        using (embedding)
        {
            int k = chosenClasses.Length;
            var nmiEmbedding = MutualInformation.Normalized(KMeans.Fit(embedding, k, generator).Assignments, subset.Labels);
            var nmiFeatures = MutualInformation.Normalized(KMeans.Fit(features, k, generator).Assignments, subset.Labels);
            var flat = embedding.data<float>().ToArray();
            int c = (int)embedding.shape[1];
            var points = Enumerable.Range(0, subset.Count).Select(i => flat.AsSpan(i * c, c).ToArray()).ToArray();
            return new EmbeddingResult(streams[0].Stream, points, subset.Labels, subset.Names, chosenClasses, nmiEmbedding, nmiFeatures, kl);
        }
    }

    private static Tensor ConcatenatedFeatures(IReadOnlyList<(SkeletonEncoder Encoder, SkeletonStream Stream)> streams, SkeletonDataset subset,
        Device? device, Action<EvaluationProgress>? progress)
    {
        using var scope = NewDisposeScope();
        var parts = streams.Select(s => nn.functional.normalize(
            FeatureExtraction.Extract(s.Encoder, subset, s.Stream, device, progress: progress, protocol: "tsne"), dim: 1)).ToArray();
        return cat(parts, 1).MoveToOuterDisposeScope();
    }

    /// <summary>1 off the diagonal, 0 on it: (N, N) float64.</summary>
    private static Tensor OffDiagonal(long n) => 1 - eye(n, dtype: ScalarType.Float64);

    /// <summary>‖x_i − x_j‖² for all pairs: (N, D) → (N, N), clamped at 0.</summary>
    internal static Tensor SquaredDistances(Tensor x)
    {
        var sq = x.pow(2).sum(1);
        return (sq.unsqueeze(1) + sq.unsqueeze(0) - 2 * x.matmul(x.t())).clamp_min(0) * OffDiagonal(x.shape[0]);
    }

    /// <summary>Symmetrised joint affinities P = max((P_cond + P_condᵀ) / Σ, ε), zero diagonal: (N, N).</summary>
    internal static Tensor JointProbabilities(Tensor d, double perplexity)
    {
        var cond = ConditionalProbabilities(d, perplexity);
        var p = cond + cond.t();
        p = p / p.sum().clamp_min(MachineEpsilon);
        return p.clamp_min(MachineEpsilon) * OffDiagonal(d.shape[0]);
    }

    /// <summary>
    /// Conditional P_{j|i} ∝ exp(−β_i d_ij) with β_i by binary search so that the entropy equals
    /// log(perplexity) (sklearn _binary_search_perplexity: 100 steps, tolerance 1e-5, all rows at
    /// once). Rows sum to 1: (N, N).
    /// </summary>
    internal static Tensor ConditionalProbabilities(Tensor d, double perplexity)
    {
        long n = d.shape[0];
        double target = Math.Log(perplexity);
        var offDiagonal = OffDiagonal(n);
        var beta = ones(n, 1, dtype: ScalarType.Float64);
        var lo = full(n, 1, double.NegativeInfinity, dtype: ScalarType.Float64);
        var hi = full(n, 1, double.PositiveInfinity, dtype: ScalarType.Float64);
        Tensor Conditional(Tensor b)
        {
            var e = (-d * b).exp() * offDiagonal;
            return e / e.sum(1, keepdim: true).clamp_min(1e-8);
        }
        for (int step = 0; step < 100; step++)
        {
            using var scope = NewDisposeScope();
            var unnormalised = (-d * beta).exp() * offDiagonal;
            var sum = unnormalised.sum(1, keepdim: true).clamp_min(1e-8);
            var entropy = sum.log() + beta * (d * unnormalised).sum(1, keepdim: true) / sum;  // H = log Σ + β Σ d P
            var diff = entropy - target;
            var active = diff.abs() > 1e-5;
            if (!active.any().item<bool>()) break;
            var tooFlat = active & (diff > 0);                                               // entropy too high → raise β
            var tooSharp = active & (diff <= 0);
            var newLo = where(tooFlat, beta, lo);
            var newHi = where(tooSharp, beta, hi);
            var up = where(newHi.isinf(), beta * 2, (beta + newHi) / 2);
            var down = where(newLo.isinf(), beta / 2, (beta + newLo) / 2);
            var newBeta = where(tooFlat, up, where(tooSharp, down, beta));
            if (step == 99) break;                                                           // sklearn keeps the last evaluated β
            (lo, hi, beta) = (newLo.MoveToOuterDisposeScope(), newHi.MoveToOuterDisposeScope(), newBeta.MoveToOuterDisposeScope());
        }
        return Conditional(beta);
    }

    /// <summary>PCA initialisation as sklearn: the top principal components (signs fixed by svd_flip), scaled so column 0 has std 1e-4.</summary>
    private static Tensor PcaInit(Tensor x, int components)
    {
        var centred = x - x.mean([0], keepdim: true);
        var (u, s, _) = linalg.svd(centred, fullMatrices: false);
        u = u.narrow(1, 0, components);
        var maxRow = u.abs().argmax(0);                                                          // svd_flip, u-based
        var signs = u.gather(0, maxRow.unsqueeze(0)).sign();
        var y = u * signs * s.narrow(0, 0, components);
        return y / y.select(1, 0).std() * 1e-4;
    }

    /// <summary>sklearn _gradient_descent on KL(P‖Q); updates y in place, returns the last KL computed.</summary>
    private static double Descend(Tensor p, Tensor y, int from, int to, double momentum, double lr, int withoutProgress, TsneConfig config, Action<EvaluationProgress>? progress)
    {
        var offDiagonal = OffDiagonal(y.shape[0]);
        var update = zeros_like(y);
        var gains = ones_like(y);
        double best = double.MaxValue, error = double.NaN;
        int bestIter = from;
        for (int i = from; i < to; i++)
        {
            using var scope = NewDisposeScope();
            bool check = (i + 1) % 50 == 0 || i == to - 1;
            var w = (1 + SquaredDistances(y)).reciprocal() * offDiagonal;                    // Student-t kernel, one degree of freedom
            var q = (w / w.sum()).clamp_min(MachineEpsilon);
            var m = (p - q) * w;
            var grad = 4 * (m.sum(1, keepdim: true) * y - m.matmul(y));                          // 4 Σ_j (p_ij − q_ij)(y_i − y_j)/(1 + d²)
            var inc = (update * grad) < 0;
            gains.copy_(where(inc, gains + 0.2, gains * 0.8).clamp_min(0.01));
            grad = grad * gains;
            update.copy_(momentum * update - lr * grad);
            y.add_(update);
            if (!check) continue;
            error = (p * (p.clamp_min(MachineEpsilon) / q).log()).sum().item<double>();         // KL(P‖Q)
            progress?.Invoke(new EvaluationProgress("tsne", "embed", i + 1, config.Iterations, error));
            if (error < best) { best = error; bestIter = i; }
            else if (i - bestIter > withoutProgress) break;
            if (grad.norm().item<double>() <= config.MinGradNorm) break;
        }
        return error;
    }
}
