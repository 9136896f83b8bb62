using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Gaussian Blur along time (spec/aimclr.md §2.2): per clip σ ~ U(0.1, 2.0) is always
/// drawn and the blur applied with probability p. A 15-tap kernel w_k = exp(−k²/(2σ²)),
/// k = −7…7, deliberately <b>not normalised</b> (centre tap 1, so it also scales the signal by Σw,
/// up to ≈5× at σ = 2), convolved along time with zero padding: y[t] = Σ_k w_k·x[t+k].
/// Implemented as a per-clip banded T×T matrix, so each clip gets its own σ in one batched matmul.
/// Only a clip's valid frames are blurred and read (taps past its last valid frame see zero, as the
/// reference's zero padding does at T); the padding after them stays. On full clips this is the reference.
/// </summary>
public sealed class GaussianBlur(double probability = 0.5, double minSigma = 0.1, double maxSigma = 2.0, int radius = 7) : IAugmentation
{
    public string Name => "gaussian-blur";

    public double Probability { get; } = probability;
    public double MinSigma { get; } = minSigma;
    public double MaxSigma { get; } = maxSigma;
    public int Radius { get; } = radius;

    /// <summary>The unnormalised taps w_k = exp(−k²/(2σ²)) for k = −radius…radius (spec/aimclr.md §2.2).</summary>
    public static double[] Kernel(double sigma, int radius = 7) =>
        Enumerable.Range(-radius, 2 * radius + 1).Select(k => Math.Exp(-(double)k * k / (2 * sigma * sigma))).ToArray();

    /// <summary>batch.X: (N, C, T, V, M) → (N, C, T, V, M), the same frame counts.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g)
    {
        var x = batch.X;
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        long n = shape[0], t = shape[2];
        using var scope = NewDisposeScope();
        var sigma = BatchOps.Uniform(g, n, MinSigma, MaxSigma);                      // σ drawn every time
        var apply = BatchOps.Coin(g, n, Probability);                                 // blur with probability p
        var valid = batch.FrameTensor();
        var full = batch.IsFull;
        return batch.WithClips(BatchOps.ApplyToSubset(x, apply, (clips, positions) =>
        {
            using var inner = NewDisposeScope();
            var s = sigma.index_select(0, positions);
            var frames = arange(t, dtype: ScalarType.Float64);
            var offset = frames.unsqueeze(0) - frames.unsqueeze(1);                   // k = s − t, (T, T)
            var weights = (-offset.square().unsqueeze(0) / (2 * s.square().view(-1, 1, 1))).exp();   // w_k, unnormalised
            weights = weights * offset.abs().le(Radius).unsqueeze(0);                 // 15 taps, zero padding
            if (!full)
            {
                var length = valid.index_select(0, positions).view(-1, 1, 1);
                var inside = frames.view(1, -1, 1).lt(length) & frames.view(1, 1, -1).lt(length);   // output and source frame both valid
                var padding = frames.view(1, -1, 1).ge(length) & offset.eq(0).unsqueeze(0);          // padding frames read themselves
                weights = where(inside, weights, zeros_like(weights)) + padding.to(weights.dtype);
            }
            return BatchOps.MapTime(clips, weights).MoveToOuterDisposeScope();
        }).MoveToOuterDisposeScope());
    }
}
