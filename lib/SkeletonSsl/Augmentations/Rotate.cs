using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// AimCLR's Rotate (spec/aimclr.md §2.2), always applied: per clip a main axis drawn from
/// {x, y, z}, then one-sided angles U(0°, 30°) about the main axis and U(0°, 1°) about the other two;
/// p ← R_x(α)p, then R_y(β)p, then R_z(γ)p with the spec's sign convention. A rotation, so bone
/// lengths are preserved.
/// </summary>
public sealed class Rotate(double mainAxisDegrees = 30, double otherAxesDegrees = 1) : ILinearAugmentation
{
    public string Name => "rotate";

    public double MainAxisDegrees { get; } = mainAxisDegrees;
    public double OtherAxesDegrees { get; } = otherAxesDegrees;

    /// <summary>A spatial step: the frame counts pass through.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g) => batch.WithClips(Transform(batch.X, g));

    /// <summary>x: (N, 3, T, V, M) → (N, 3, T, V, M).</summary>
    private Tensor Transform(Tensor x, Generator g)
    {
        var shape = BatchOps.CheckClips(x, Name);
        using var scope = NewDisposeScope();
        return BatchOps.MapCoordinates(x, Matrices(g, shape[0])).MoveToOuterDisposeScope();
    }

    LinearPlan ILinearAugmentation.Draw(Generator g, long[] shape, long[] frames) => new() { Coord = Matrices(g, shape[0]) };

    /// <summary>N rotation matrices R = R_z(γ)·R_y(β)·R_x(α), (N, 3, 3) float64 on the CPU.</summary>
    internal Tensor Matrices(Generator g, long n)
    {
        var mainAxis = BatchOps.Integers(g, n, 0, 2);                                  // main axis ~ U{x, y, z}
        var isMain = nn.functional.one_hot(mainAxis, 3).to(ScalarType.Float64);        // (N, 3)
        var maxDegrees = isMain * MainAxisDegrees + (1 - isMain) * OtherAxesDegrees;
        var angles = BatchOps.Uniform(g, n * 3, 0, 1).view(n, 3) * maxDegrees * (Math.PI / 180);   // one-sided U(0, max)
        var c = angles.cos();
        var s = angles.sin();
        var rx = Axis(n, c[.., 0], s[.., 0], 1, 2);   // [[1,0,0],[0,c,s],[0,−s,c]]
        var ry = Axis(n, c[.., 1], s[.., 1], 2, 0);   // [[c,0,−s],[0,1,0],[s,0,c]]
        var rz = Axis(n, c[.., 2], s[.., 2], 0, 1);   // [[c,s,0],[−s,c,0],[0,0,1]]
        return rz.bmm(ry).bmm(rx);
    }

    /// <summary>Rotation about the third axis: entries (i,i) = (j,j) = c, (i,j) = s, (j,i) = −s.</summary>
    private static Tensor Axis(long n, Tensor c, Tensor s, int i, int j)
    {
        var r = eye(3, dtype: ScalarType.Float64).repeat(n, 1, 1);
        r[.., i, i] = c;
        r[.., j, j] = c;
        r[.., i, j] = s;
        r[.., j, i] = -s;
        return r;
    }
}
