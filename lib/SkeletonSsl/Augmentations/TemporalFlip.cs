using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Temporal Flip (spec/aimclr.md §2.2): with probability p per clip, reverse the frame
/// order. In the paper's chain and the 2021 release; dropped from the released code's default chain.
/// </summary>
public sealed class TemporalFlip(double probability = 0.5) : IAugmentation
{
    public string Name => "temporal-flip";

    public double Probability { get; } = probability;

    /// <summary>x: (N, C, T, V, M) → (N, C, T, V, M).</summary>
    public Tensor Apply(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        using var scope = NewDisposeScope();
        var apply = BatchOps.Coin(g, shape[0], Probability);
        return BatchOps.Select(apply, x.flip(2), x).MoveToOuterDisposeScope();
    }
}
