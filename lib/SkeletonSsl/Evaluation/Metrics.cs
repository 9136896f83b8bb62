using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Classification metrics shared by every protocol: top-k accuracy, the confusion matrix and
/// per-class accuracy. Accuracies are fractions in [0, 1].
/// </summary>
public static class Metrics
{
    /// <summary>
    /// Fraction of rows whose label is among the k highest scores. scores: (N, C); labels: (N) int64.
    /// k is capped at C (top-5 of a 3-class problem is top-3). Ties are broken by torch.topk.
    /// </summary>
    public static double TopKAccuracy(Tensor scores, Tensor labels, int k)
    {
        CheckScores(scores, labels);
        if (k < 1) throw new ArgumentException($"k must be at least 1, got {k}", nameof(k));
        if (scores.shape[0] == 0) return double.NaN;
        using var scope = NewDisposeScope();
        int kk = (int)Math.Min(k, scores.shape[1]);
        var top = scores.topk(kk, dim: 1).indexes;                                   // (N, k)
        var hit = top.eq(labels.to(scores.device).unsqueeze(1)).any(1);              // (N)
        return hit.to_type(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>Top-k accuracy of scores given as rows of floats (e.g. logits keyed by sample name).</summary>
    public static double TopKAccuracy(IReadOnlyList<float[]> scores, IReadOnlyList<long> labels, int k)
    {
        if (scores.Count != labels.Count) throw new ArgumentException($"{scores.Count} score rows but {labels.Count} labels");
        if (scores.Count == 0) return double.NaN;
        using var scope = NewDisposeScope();
        return TopKAccuracy(Stack(scores), tensor(labels.ToArray()), k);
    }

    /// <summary>Arg-max class of every row. scores: (N, C) → int64 (N) on the CPU.</summary>
    public static long[] Predictions(Tensor scores)
    {
        using var scope = NewDisposeScope();
        return scores.argmax(1).cpu().data<long>().ToArray();
    }

    /// <summary>
    /// Confusion matrix: entry [t][p] counts the samples of true class t predicted as p
    /// (rows = truth, columns = prediction, as scikit-learn).
    /// </summary>
    public static long[][] ConfusionMatrix(IReadOnlyList<long> predicted, IReadOnlyList<long> labels, int numClasses)
    {
        if (predicted.Count != labels.Count) throw new ArgumentException($"{predicted.Count} predictions but {labels.Count} labels");
        if (numClasses < 1) throw new ArgumentException($"numClasses must be positive, got {numClasses}", nameof(numClasses));
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] < 0 || labels[i] >= numClasses || predicted[i] < 0 || predicted[i] >= numClasses)
                throw new ArgumentException($"sample {i}: label {labels[i]} / prediction {predicted[i]} outside [0, {numClasses})");
        using var scope = NewDisposeScope();
        var flat = tensor(labels.ToArray()) * numClasses + tensor(predicted.ToArray());
        var counts = flat.bincount(null, numClasses * numClasses).data<long>().ToArray();
        return Enumerable.Range(0, numClasses).Select(t => counts.AsSpan(t * numClasses, numClasses).ToArray()).ToArray();
    }

    /// <summary>
    /// Confusion matrix of scores keyed by sample name (e.g. <see cref="ClassifierResult.BestLogits"/>
    /// or <see cref="FusionResult.Scores"/>) against labels keyed by the same names; prediction = arg-max.
    /// </summary>
    public static long[][] ConfusionMatrix(IReadOnlyDictionary<string, float[]> scores, IReadOnlyDictionary<string, long> labels, int numClasses)
    {
        var names = labels.Keys.Order(StringComparer.Ordinal).ToArray();
        var missing = names.FirstOrDefault(n => !scores.ContainsKey(n));
        if (missing is not null) throw new ArgumentException($"no scores for sample '{missing}'");
        using var scope = NewDisposeScope();
        return ConfusionMatrix(Predictions(Stack(names.Select(n => scores[n]).ToArray())), names.Select(n => labels[n]).ToArray(), numClasses);
    }

    /// <summary>Recall of each class (diagonal over row sum); NaN for a class with no samples.</summary>
    public static double[] PerClassAccuracy(long[][] confusion) =>
        confusion.Select((row, t) =>
        {
            long total = row.Sum();
            return total == 0 ? double.NaN : (double)row[t] / total;
        }).ToArray();

    /// <summary>Overall accuracy from a confusion matrix (trace over total).</summary>
    public static double Accuracy(long[][] confusion)
    {
        long total = confusion.Sum(r => r.Sum());
        return total == 0 ? double.NaN : (double)confusion.Select((r, t) => r[t]).Sum() / total;
    }

    internal static Tensor Stack(IReadOnlyList<float[]> rows)
    {
        int c = rows[0].Length;
        if (rows.Any(r => r.Length != c)) throw new ArgumentException("score rows differ in length");
        var flat = new float[rows.Count * c];
        for (int i = 0; i < rows.Count; i++) rows[i].CopyTo(flat, i * c);
        return tensor(flat, [rows.Count, c]);
    }

    private static void CheckScores(Tensor scores, Tensor labels)
    {
        if (scores.dim() != 2) throw new ArgumentException($"scores must be (N, C), got {scores.dim()} dimensions", nameof(scores));
        if (labels.dim() != 1 || labels.shape[0] != scores.shape[0])
            throw new ArgumentException($"labels must be (N) with N = {scores.shape[0]}", nameof(labels));
    }
}
