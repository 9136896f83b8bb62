using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Spatial Flip (spec/aimclr.md §2.2): with probability p per clip, relabel the joints
/// left↔right, new[v] = old[π(v)] with <see cref="NtuLayout.FlipPermutation"/>. Coordinates are not
/// mirrored. Applied twice with p = 1 it is the identity.
/// </summary>
public sealed class SpatialFlip(double probability = 0.5) : ILinearAugmentation
{
    public string Name => "spatial-flip";

    public double Probability { get; } = probability;

    /// <summary>A spatial step: the frame counts pass through.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g) => batch.WithClips(Transform(batch.X, g));

    /// <summary>x: (N, C, T, 25, M) → (N, C, T, 25, M).</summary>
    private Tensor Transform(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        if (shape[3] != NtuLayout.Joints)
            throw new ArgumentException($"{Name}: expected V = {NtuLayout.Joints} NTU joints, got {shape[3]}", nameof(x));
        using var scope = NewDisposeScope();
        return Draw(g, shape).Apply(x).MoveToOuterDisposeScope();
    }

    LinearPlan ILinearAugmentation.Draw(Generator g, long[] shape, long[] frames) => Draw(g, shape);

    private LinearPlan Draw(Generator g, long[] shape) => new() { JointFlip = BatchOps.Coin(g, shape[0], Probability) };
}
