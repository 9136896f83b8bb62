namespace SkeletonSsl.Evaluation.Detection;

/// <summary>
/// Detection scores at one overlap threshold (PCM3 Table 5: 0.5), fractions in [0, 1]: mAP_a (per class, over all
/// videos), mAP_v (per video), and the per-class and per-video APs they average.
/// </summary>
public sealed record DetectionMetrics(
    double MapA,
    double MapV,
    double Threshold,
    MapAStyle Style,
    IReadOnlyDictionary<int, double> ClassAp,
    IReadOnlyDictionary<string, double> VideoAp);
