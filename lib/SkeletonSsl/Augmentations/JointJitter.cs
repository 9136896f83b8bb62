using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// CMD/PCM3's joint corruption, the papers' "joint jittering" (spec/pcm3.md §3, spec/a2mc.md §1.2):
/// per clip pick 15 distinct joints of 25; with probability 0.5 set them to zero (all frames, both
/// bodies), otherwise map each selected point by one random 3×3 matrix J with i.i.d. U(−1, 1)
/// entries, p' = Jᵀ·p (the reference multiplies row vectors by J).
/// </summary>
public sealed class JointJitter(int joints = 15, double zeroProbability = 0.5, double amplitude = 1.0) : IAugmentation
{
    public string Name => "joint-jitter";

    public int Joints { get; } = joints;
    public double ZeroProbability { get; } = zeroProbability;
    public double Amplitude { get; } = amplitude;

    /// <summary>A spatial step: the frame counts pass through.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g) => batch.WithClips(Transform(batch.X, g));

    /// <summary>x: (N, 3, T, V, M) → (N, 3, T, V, M).</summary>
    private Tensor Transform(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name);
        long n = shape[0], v = shape[3];
        if (Joints > v) throw new ArgumentException($"{Name}: cannot pick {Joints} of {v} joints", nameof(x));
        using var scope = NewDisposeScope();
        var picked = BatchOps.Subsets(g, n, (int)v, Joints);                          // 15 distinct joints
        var selected = zeros(n, v, dtype: ScalarType.Bool).scatter_(1, picked, ones(picked.shape, dtype: ScalarType.Bool));
        var zero = BatchOps.Coin(g, n, ZeroProbability);                              // zero them, or …
        var j = BatchOps.Uniform(g, n * 9, -Amplitude, Amplitude).view(n, 3, 3);     // … J ~ U(−1, 1)^{3×3}
        var r = where(zero.view(n, 1, 1), zeros(n, 3, 3, dtype: ScalarType.Float64), j.transpose(1, 2));   // p' = Jᵀ p, or 0
        var mapped = BatchOps.MapCoordinates(x, r);
        var sel = selected.to(x.device).view(n, 1, 1, v, 1);
        return where(sel, mapped, x).MoveToOuterDisposeScope();
    }
}
