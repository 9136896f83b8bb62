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

    /// <summary>A spatial step: the frame counts pass through.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g) => batch.WithClips(Transform(batch.X, g));

    /// <summary>x: (N, C, T, V, M) → (N, C, T, V, M).</summary>
    private Tensor Transform(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        var apply = BatchOps.Coin(g, shape[0], Probability);
        return BatchOps.ApplyToSubset(x, apply, (clips, _) =>
        {
            // drawn in float32 on the CPU for the noisy clips only, the same for every dtype and device
            using var noise = randn(clips.shape, dtype: ScalarType.Float32, generator: g);
            using var moved = noise.to(clips.dtype, clips.device);
            return clips.add(moved, Std);
        });
    }
}
