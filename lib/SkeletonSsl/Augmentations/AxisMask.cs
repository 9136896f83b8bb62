using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Axis Mask (spec/aimclr.md §2.2): with probability p per clip, choose one coordinate
/// axis uniformly from {x, y, z} and zero it for all frames, joints and bodies.
/// </summary>
public sealed class AxisMask(double probability = 0.5) : ILinearAugmentation
{
    public string Name => "axis-mask";

    public double Probability { get; } = probability;

    /// <summary>A spatial step: the frame counts pass through.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g) => batch.WithClips(Transform(batch.X, g));

    /// <summary>x: (N, 3, T, V, M) → (N, 3, T, V, M).</summary>
    private Tensor Transform(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name);
        long n = shape[0];
        using var scope = NewDisposeScope();
        var keep = Keep(g, n).to(x.dtype, x.device).view(n, 3, 1, 1, 1);
        return x.mul(keep).MoveToOuterDisposeScope();
    }

    LinearPlan ILinearAugmentation.Draw(Generator g, long[] shape, long[] frames) => new() { Coord = Keep(g, shape[0]).diag_embed() };

    /// <summary>(N, 3) float64 on the CPU: 0 for the zeroed axis of the clips that are masked, else 1.</summary>
    private Tensor Keep(Generator g, long n)
    {
        var apply = BatchOps.Coin(g, n, Probability);
        var axis = BatchOps.Integers(g, n, 0, 2);                                 // axis ~ U{x, y, z}
        var zeroed = nn.functional.one_hot(axis, 3).to(ScalarType.Bool) & apply.unsqueeze(1);
        return zeroed.logical_not().to(ScalarType.Float64);
    }
}
