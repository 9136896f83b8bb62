namespace SkeletonSsl.Evaluation.Detection;

/// <summary>How mAP_a is computed (spec/README.md, PCM3 corrections: the official evaluator is the default).</summary>
public enum MapAStyle
{
    /// <summary>
    /// The official PKU-MMD evaluator (spec/data.md §5.6): overlap without +1, its own AP recursion (several proposals
    /// may match one ground truth), mean over all classes 1…C with 0 for a class without ground truth.
    /// </summary>
    Official,

    /// <summary>
    /// The VOC-style reading of spec/pcm3.md §8.7: IoU over inclusive frame counts (+1), detections by falling confidence
    /// matched greedily to an unmatched ground truth (a duplicate is a false positive), all-point interpolated AP, mean
    /// over the classes present in the ground truth.
    /// </summary>
    VocInclusive,
}
