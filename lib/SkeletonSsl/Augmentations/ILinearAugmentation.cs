using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// A transform whose effect is a <see cref="LinearPlan"/>: it draws its per-clip parameters (in
/// the same order whether it runs alone or fused in a <see cref="Compose"/>) and the plan applies them.
/// </summary>
internal interface ILinearAugmentation : IAugmentation
{
    /// <summary>
    /// Draws the plan for clips shaped <paramref name="shape"/> = (N, C, T, V, M) with
    /// <paramref name="frames"/> valid frames each. A linear step keeps T and the frame counts.
    /// </summary>
    LinearPlan Draw(Generator g, long[] shape, long[] frames);
}
