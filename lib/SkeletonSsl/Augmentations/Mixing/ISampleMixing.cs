using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Mixing;

/// <summary>An inter-sample transform that also reports how each clip was mixed.</summary>
public interface ISampleMixing : IAugmentation
{
    /// <summary>batch.X: (N, C, T, V, M) → the mixed clips with λ (N) and the partner index (N).</summary>
    MixResult Mix(ClipBatch batch, Generator g);
}
