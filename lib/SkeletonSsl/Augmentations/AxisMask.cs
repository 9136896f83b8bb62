using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Axis Mask (spec/aimclr.md §2.2): with probability p per clip, choose one coordinate
/// axis uniformly from {x, y, z} and zero it for all frames, joints and bodies.
/// </summary>
public sealed class AxisMask(double probability = 0.5) : IAugmentation
{
    public string Name => "axis-mask";

    public double Probability { get; } = probability;

    /// <summary>x: (N, 3, T, V, M) → (N, 3, T, V, M).</summary>
    public Tensor Apply(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name);
        long n = shape[0];
        using var scope = NewDisposeScope();
        var apply = BatchOps.Coin(g, n, Probability);
        var axis = BatchOps.Integers(g, n, 0, 2);
        var zeroed = nn.functional.one_hot(axis, 3).to(ScalarType.Bool) & apply.unsqueeze(1);   // (N, 3)
        var keep = zeroed.logical_not().to(x.dtype).view(n, 3, 1, 1, 1).to(x.device);
        return x.mul(keep).MoveToOuterDisposeScope();
    }
}
