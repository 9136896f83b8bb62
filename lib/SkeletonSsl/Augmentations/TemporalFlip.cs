using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Temporal Flip (spec/aimclr.md §2.2): with probability p per clip, reverse the frame
/// order. In the paper's chain and the 2021 release; dropped from the released code's default chain.
/// </summary>
public sealed class TemporalFlip(double probability = 0.5) : ILinearAugmentation
{
    public string Name => "temporal-flip";

    public double Probability { get; } = probability;

    /// <summary>x: (N, C, T, V, M) → (N, C, T, V, M).</summary>
    public Tensor Apply(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        using var scope = NewDisposeScope();
        return Draw(g, shape).Apply(x).MoveToOuterDisposeScope();
    }

    LinearPlan ILinearAugmentation.Draw(Generator g, long[] shape) => Draw(g, shape);

    private LinearPlan Draw(Generator g, long[] shape)
    {
        long n = shape[0], t = shape[2];
        var apply = BatchOps.Coin(g, n, Probability);
        var forward = arange(t, dtype: ScalarType.Int64).expand(n, t);
        return new LinearPlan { TimeIndex = where(apply.view(n, 1), forward.flip(1), forward) };   // frame t reads T−1−t
    }
}
