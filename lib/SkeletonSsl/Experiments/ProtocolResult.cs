using SkeletonSsl.Reporting;
using SkeletonSsl.Evaluation;

namespace SkeletonSsl.Experiments;

/// <summary>What a protocol returns: named metrics in the paper's units (top-1 in %, NMI in [0, 1]),
/// plus optional figure data (t-SNE points, KNN or loss curves, a confusion matrix).</summary>
public sealed record ProtocolResult(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<FigureData> Figures)
{
    public static ProtocolResult Of(params (string Metric, double Value)[] metrics) =>
        new(metrics.ToDictionary(m => m.Metric, m => m.Value), []);
}
