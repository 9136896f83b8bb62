using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// A batched, seeded transform of skeleton clips. batch.X: (N, C, T, V, M) floating point on any
/// device with batch.Frames the valid frames of each clip; the result lives on the same device (its
/// T and Frames may differ, e.g. a crop-resize gives T = Frames = 64). Temporal steps act on the
/// valid frames only. Per-sample parameters are drawn from <paramref name="g"/> (a CPU generator
/// seeded from the experiment seed), so the same seed gives the same output on every device.
/// </summary>
public interface IAugmentation
{
    /// <summary>The name used in presets, figures and configs.</summary>
    string Name { get; }

    ClipBatch Apply(ClipBatch batch, Generator g);
}
