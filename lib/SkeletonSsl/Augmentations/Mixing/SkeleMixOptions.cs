namespace SkeletonSsl.Augmentations.Mixing;

/// <summary>
/// Options of <see cref="SkeleMix"/> with PCM3's values (spec/pcm3.md §6.2): the mix is drawn once
/// per batch (CutMix 0.5, ResizeMix 0.25, Mixup 0.25); regions are 2–3 body parts × 7–11 of the
/// 16 frame blocks (4 frames each at T = 64).
/// </summary>
public sealed record SkeleMixOptions(
    double CutMixProbability = 0.5,
    double ResizeMixProbability = 0.25,
    double MixupProbability = 0.25,
    int MinParts = 2,
    int MaxParts = 3,
    int Blocks = 16,
    int MinRegionBlocks = 7,
    int MaxRegionBlocks = 11);
