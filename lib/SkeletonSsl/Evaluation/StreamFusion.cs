using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Multi-stream fusion (AimCLR §4.1 and its ensemble script; spec/aimclr.md §1.4): the fused score
/// of a test clip is Σ_s w_s · logits_s, over the raw classifier logits (no softmax) of each
/// stream's best check, matched by sample name. Any subset of the three streams may be fused.
/// </summary>
public static class StreamFusion
{
    /// <summary>Fuses the best-check logits of per-stream results (their Labels give the truth).</summary>
    public static FusionResult Fuse(IReadOnlyList<ClassifierResult> results, FusionWeights? weights = null)
    {
        if (results.Count == 0) throw new ArgumentException("no stream results to fuse");
        if (results.Select(r => r.Stream).Distinct().Count() != results.Count) throw new ArgumentException("each stream may appear once");
        return Fuse(results.ToDictionary(r => r.Stream, r => r.BestLogits), results[0].Labels, weights);
    }

    /// <summary>
    /// Fuses logits keyed by sample name. Every stream must hold logits of the same width for every
    /// name in <paramref name="labels"/>; extra names in a stream are ignored.
    /// </summary>
    public static FusionResult Fuse(IReadOnlyDictionary<SkeletonStream, IReadOnlyDictionary<string, float[]>> logits,
        IReadOnlyDictionary<string, long> labels, FusionWeights? weights = null)
    {
        weights ??= FusionWeights.AimClr;
        if (logits.Count == 0) throw new ArgumentException("no stream logits to fuse");
        var names = labels.Keys.Order(StringComparer.Ordinal).ToArray();
        var fused = new Dictionary<string, float[]>(names.Length);
        foreach (var name in names)
        {
            float[]? score = null;
            foreach (var (stream, byName) in logits)
            {
                if (!byName.TryGetValue(name, out var row))
                    throw new ArgumentException($"the {stream} stream has no logits for sample '{name}'");
                score ??= new float[row.Length];
                if (row.Length != score.Length)
                    throw new ArgumentException($"sample '{name}': the {stream} stream has {row.Length} classes, another stream {score.Length}");
                float w = (float)weights.Of(stream);
                for (int c = 0; c < row.Length; c++) score[c] += w * row[c];   // Σ_s w_s · logits_s
            }
            fused[name] = score!;
        }
        var rows = names.Select(n => fused[n]).ToArray();
        var truth = names.Select(n => labels[n]).ToArray();
        return new FusionResult(Metrics.TopKAccuracy(rows, truth, 1), Metrics.TopKAccuracy(rows, truth, 5), names.Length,
            logits.Keys.Order().ToArray(), weights, fused);
    }
}
