using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// Shear of the coordinates, p' = S·p with S = [[1, a01, a02], [a10, 1, a12], [a20, a21, 1]] and
/// the six off-diagonal entries i.i.d. U(−r, r), one S per clip (same for all frames, joints,
/// bodies). AimCLR uses r = 0.5 (spec/aimclr.md §2.1 step 2); CMD/PCM3/A2MC's "pose
/// augmentation" uses r = 1 (spec/pcm3.md §3, spec/a2mc.md §1.2).
/// </summary>
public sealed class Shear(double amplitude = 0.5) : ILinearAugmentation
{
    public string Name => "shear";

    public double Amplitude { get; } = amplitude >= 0 ? amplitude
        : throw new ArgumentOutOfRangeException(nameof(amplitude), amplitude, "the shear amplitude must be non-negative");

    /// <summary>A spatial step: the frame counts pass through.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g) => batch.WithClips(Transform(batch.X, g));

    /// <summary>x: (N, 3, T, V, M) → (N, 3, T, V, M).</summary>
    private Tensor Transform(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name);
        using var scope = NewDisposeScope();
        return BatchOps.MapCoordinates(x, Matrices(g, shape[0], Amplitude)).MoveToOuterDisposeScope();
    }

    LinearPlan ILinearAugmentation.Draw(Generator g, long[] shape, long[] frames) => new() { Coord = Matrices(g, shape[0], Amplitude) };

    /// <summary>N shear matrices (N, 3, 3), float64 on the CPU; the entries drawn in the reference's order a01, a10, a20, a02, a12, a21.</summary>
    internal static Tensor Matrices(Generator g, long n, double amplitude)
    {
        var a = BatchOps.Uniform(g, n * 6, -amplitude, amplitude).view(n, 6);
        var s = eye(3, dtype: ScalarType.Float64).repeat(n, 1, 1);
        (int Row, int Col)[] order = [(0, 1), (1, 0), (2, 0), (0, 2), (1, 2), (2, 1)];
        for (int k = 0; k < order.Length; k++)
            s[TensorIndex.Colon, order[k].Row, order[k].Col] = a[TensorIndex.Colon, k];
        return s;
    }
}
