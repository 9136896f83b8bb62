using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// The drawn parameters of a batch of per-clip linear re-indexings and coordinate maps: a time
/// index (output frame t reads input frame TimeIndex[n, t]), a left/right joint relabelling and a
/// 3×3 coordinate matrix. The three kinds act on different axes and commute, so consecutive
/// steps (crop, shear, spatial flip, rotate, temporal flip, axis mask) fuse into one gather and
/// one batched 3×3 map with exactly the result of applying them one after another.
/// </summary>
internal sealed class LinearPlan
{
    /// <summary>(N, T') int64 on the CPU, or null for the identity.</summary>
    public Tensor? TimeIndex { get; init; }

    /// <summary>(N) bool on the CPU: clips whose joints are relabelled by the flip permutation; or null.</summary>
    public Tensor? JointFlip { get; init; }

    /// <summary>(N, 3, 3) float64 on the CPU, p' = Coord·p; or null for the identity.</summary>
    public Tensor? Coord { get; init; }

    /// <summary>This plan followed by <paramref name="next"/>.</summary>
    public LinearPlan Then(LinearPlan next) => new()
    {
        TimeIndex = (TimeIndex, next.TimeIndex) switch
        {
            (null, var b) => b,
            (var a, null) => a,
            var (a, b) => a.gather(1, b),                                  // out t reads b[t], which reads a[b[t]]
        },
        JointFlip = (JointFlip, next.JointFlip) switch
        {
            (null, var b) => b,
            (var a, null) => a,
            var (a, b) => a.logical_xor(b),
        },
        Coord = (Coord, next.Coord) switch
        {
            (null, var b) => b,
            (var a, null) => a,
            var (a, b) => b.bmm(a),
        },
    };

    /// <summary>x: (N, C, T, V, M) → (N, C, T', V, M) on x's device.</summary>
    public Tensor Apply(Tensor x)
    {
        long n = x.shape[0], c = x.shape[1], t = x.shape[2], v = x.shape[3], m = x.shape[4];
        using var scope = NewDisposeScope();
        var y = x;
        if (TimeIndex is not null || JointFlip is not null)
        {
            var time = TimeIndex ?? arange(t, dtype: ScalarType.Int64).expand(n, t);
            long t2 = time.shape[1];
            var joint = arange(v, dtype: ScalarType.Int64).expand(n, v);
            if (JointFlip is not null)
            {
                if (v != NtuLayout.Joints) throw new ArgumentException($"spatial-flip: expected V = {NtuLayout.Joints} NTU joints, got {v}", nameof(x));
                var flipped = tensor(NtuLayout.FlipPermutation.Select(j => (long)j).ToArray()).expand(n, v);
                joint = where(JointFlip.view(n, 1), flipped, joint);
            }
            var index = time.view(n, t2, 1, 1) * (v * m) + joint.view(n, 1, v, 1) * m + arange(m, dtype: ScalarType.Int64).view(1, 1, 1, m);
            var expanded = index.view(n, 1, t2 * v * m).to(x.device).expand(n, c, t2 * v * m);
            y = x.reshape(n, c, t * v * m).gather(2, expanded).view(n, c, t2, v, m);
        }
        if (Coord is not null)
        {
            if (c != 3) throw new ArgumentException($"coordinate maps expect C = 3 coordinates (x, y, z), got C = {c}", nameof(x));
            y = BatchOps.MapCoordinates(y, Coord);
        }
        return (ReferenceEquals(y, x) ? x.alias() : y).MoveToOuterDisposeScope();
    }
}
