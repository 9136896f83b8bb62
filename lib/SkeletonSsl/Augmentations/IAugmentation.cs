using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// A batched, seeded transform of skeleton clips. x: (N, C, T, V, M) float32 on any device; the
/// result lives on the same device (its T may differ, e.g. a crop-resize). Per-sample parameters
/// are drawn from <paramref name="g"/> (a CPU generator seeded from the experiment seed), so the
/// same seed gives the same output on every device.
/// </summary>
public interface IAugmentation
{
    /// <summary>The name used in presets, figures and configs.</summary>
    string Name { get; }

    Tensor Apply(Tensor x, Generator g);
}
