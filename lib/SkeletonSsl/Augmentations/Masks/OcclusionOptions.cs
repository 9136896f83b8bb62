namespace SkeletonSsl.Augmentations.Masks;

/// <summary>
/// The occlusion ratio range of PCM3's occluded test sets (ACM MM 2023, §4 "Action Recognition with
/// Occlusion": "masking ratio sampled from [0.3, 0.7]"), drawn per clip.
/// </summary>
public sealed record OcclusionOptions(double MinRatio = 0.3, double MaxRatio = 0.7);
