using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Gaussian Noise (spec/aimclr.md §2.2): with probability p per clip, add i.i.d.
/// N(0, σ²) with σ = 0.01 to every element, including an all-zero second body.
/// </summary>
public sealed class GaussianNoise(double probability = 0.5, double std = 0.01) : IAugmentation
{
    public string Name => "gaussian-noise";

    public double Probability { get; } = probability;
    public double Std { get; } = std;

    /// <summary>x: (N, C, T, V, M) → (N, C, T, V, M).</summary>
    public Tensor Apply(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        using var scope = NewDisposeScope();
        var apply = BatchOps.Coin(g, shape[0], Probability);
        var gate = apply.to(x.dtype).mul(Std).view(shape[0], 1, 1, 1, 1).to(x.device);   // σ where applied, 0 elsewhere
        var noise = randn(shape, dtype: x.dtype, generator: g).to(x.device);
        return x.addcmul(noise, gate, 1).MoveToOuterDisposeScope();
    }
}
