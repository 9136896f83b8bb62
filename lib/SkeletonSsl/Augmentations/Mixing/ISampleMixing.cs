using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Mixing;

/// <summary>An inter-sample transform that also reports how each clip was mixed.</summary>
public interface ISampleMixing : IAugmentation
{
    /// <summary>x: (N, C, T, V, M) → the mixed batch with λ (N) and the partner index (N).</summary>
    MixResult Mix(Tensor x, Generator g);
}
