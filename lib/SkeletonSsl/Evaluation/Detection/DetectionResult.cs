namespace SkeletonSsl.Evaluation.Detection;

/// <summary>
/// Outcome of the detection protocol: the official scores (<see cref="Official"/>: mAP_a, mAP_v at the threshold, per
/// class and per video), the VOC-style mAP_a of spec/pcm3.md §8.7 on the same proposals, the per-frame accuracy (argmax
/// over background and classes on the valid test frames), the mean training loss of each epoch, and the proposals and
/// ground-truth segments of the test recordings (1-based inclusive frames). Scores are fractions.
/// </summary>
public sealed record DetectionResult(
    DetectionMetrics Official,
    double MapAVoc,
    double FrameAccuracy,
    IReadOnlyList<double> LossHistory,
    IReadOnlyList<ActionSegment> Proposals,
    IReadOnlyList<ActionSegment> GroundTruth,
    int TrainWindowsPerEpoch);
