namespace SkeletonSsl.Evaluation;

/// <summary>
/// Normalised mutual information between two labellings, as scikit-learn's
/// normalized_mutual_info_score with its default arithmetic normalisation:
/// NMI = MI(U, V) / mean(H(U), H(V)), natural logarithms; 1 when both labellings have a single
/// cluster. Used for AimCLR's t-SNE NMI figures (paper §4.3).
/// </summary>
public static class MutualInformation
{
    public static double Normalized(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"labellings differ in length: {a.Count} vs {b.Count}");
        if (a.Count == 0) return 1.0;
        var ua = a.Distinct().ToArray();
        var ub = b.Distinct().ToArray();
        if (ua.Length == 1 && ub.Length == 1) return 1.0;
        double n = a.Count;
        var joint = new Dictionary<(long, long), int>();
        for (int i = 0; i < a.Count; i++) joint[(a[i], b[i])] = joint.GetValueOrDefault((a[i], b[i])) + 1;
        var ca = a.GroupBy(v => v).ToDictionary(g => g.Key, g => (double)g.Count());
        var cb = b.GroupBy(v => v).ToDictionary(g => g.Key, g => (double)g.Count());
        double mi = joint.Sum(kv => kv.Value / n * Math.Log(n * kv.Value / (ca[kv.Key.Item1] * cb[kv.Key.Item2])));   // Σ p_ij log(p_ij / p_i p_j)
        double ha = -ca.Values.Sum(c => c / n * Math.Log(c / n));
        double hb = -cb.Values.Sum(c => c / n * Math.Log(c / n));
        mi = Math.Max(mi, 0);
        return mi / Math.Max((ha + hb) / 2, double.Epsilon);
    }
}
