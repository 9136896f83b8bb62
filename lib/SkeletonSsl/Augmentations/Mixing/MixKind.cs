namespace SkeletonSsl.Augmentations.Mixing;

/// <summary>The three inter-sample mixes of PCM3 (spec/pcm3.md §6.2).</summary>
public enum MixKind
{
    CutMix,
    ResizeMix,
    Mixup,
}
