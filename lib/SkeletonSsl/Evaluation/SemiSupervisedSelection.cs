namespace SkeletonSsl.Evaluation;

/// <summary>How the labelled subset of the semi-supervised protocol is drawn.</summary>
public enum SemiSupervisedSelection
{
    /// <summary>
    /// AimCLR's Semi feeder (spec/aimclr.md §7): for each class in order of first appearance,
    /// round(p · n_c) clips (half to even) without replacement; indices sorted.
    /// </summary>
    PerClass,

    /// <summary>
    /// CMD (spec/pcm3.md §8.3): int(p · N) clips drawn uniformly from the whole split, not per class
    /// (with a minimum per class, at least that many per class on average: minimum × classes clips).
    /// </summary>
    Random,
}
