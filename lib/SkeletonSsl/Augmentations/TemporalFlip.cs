using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Temporal Flip (spec/aimclr.md §2.2): with probability p per clip, reverse the order of
/// its valid frames (frame t &lt; n reads n−1−t; the padding after them stays). In the paper's chain
/// and the 2021 release; dropped from the released code's default chain.
/// </summary>
public sealed class TemporalFlip(double probability = 0.5) : ILinearAugmentation
{
    public string Name => "temporal-flip";

    public double Probability { get; } = probability;

    /// <summary>batch.X: (N, C, T, V, M) → (N, C, T, V, M), the same frame counts.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g)
    {
        var shape = BatchOps.CheckClips(batch.X, Name, needsCoordinates: false);
        using var scope = NewDisposeScope();
        return batch.WithClips(Draw(g, shape, batch.Frames).Apply(batch.X).MoveToOuterDisposeScope());
    }

    LinearPlan ILinearAugmentation.Draw(Generator g, long[] shape, long[] frames) => Draw(g, shape, frames);

    private LinearPlan Draw(Generator g, long[] shape, long[] frames)
    {
        long n = shape[0], t = shape[2];
        var apply = BatchOps.Coin(g, n, Probability);
        var forward = arange(t, dtype: ScalarType.Int64).expand(n, t);
        var reversed = BatchOps.KeepPadding(tensor(frames).view(n, 1) - 1 - forward, frames);                // t reads n−1−t
        return new LinearPlan { TimeIndex = where(apply.view(n, 1), reversed, forward) };
    }
}
