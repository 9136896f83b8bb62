using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// Shared batched building blocks of the transforms: per-sample draws from the caller's CPU
/// generator (moved to the data's device afterwards, so results do not depend on the device),
/// per-sample 3×3 coordinate maps and per-sample linear maps along time.
/// </summary>
internal static class BatchOps
{
    /// <summary>Checks x is (N, C, T, V, M) with C = 3 coordinates; returns its shape.</summary>
    public static long[] CheckClips(Tensor x, string who, bool needsCoordinates = true)
    {
        if (x.dim() != 5)
            throw new ArgumentException($"{who}: expected a batch of clips shaped (N, C, T, V, M), got ({string.Join(", ", x.shape)})", nameof(x));
        if (needsCoordinates && x.shape[1] != 3)
            throw new ArgumentException($"{who}: expected C = 3 coordinates (x, y, z), got C = {x.shape[1]}", nameof(x));
        if (!x.is_floating_point())
            throw new ArgumentException($"{who}: expected floating-point clips, got {x.dtype}", nameof(x));
        return x.shape;
    }

    /// <summary>N draws from U(lo, hi), float64 on the CPU.</summary>
    public static Tensor Uniform(Generator g, long n, double lo, double hi) =>
        rand(new[] { n }, dtype: ScalarType.Float64, generator: g) * (hi - lo) + lo;

    /// <summary>N Bernoulli(p) draws (true = apply), bool on the CPU.</summary>
    public static Tensor Coin(Generator g, long n, double p) =>
        rand(new[] { n }, dtype: ScalarType.Float64, generator: g) < p;

    /// <summary>N integers drawn uniformly from {lo, …, hi} (inclusive), int64 on the CPU.</summary>
    public static Tensor Integers(Generator g, long n, long lo, long hi) =>
        randint(lo, hi + 1, new[] { n }, dtype: ScalarType.Int64, generator: g);

    /// <summary>A uniformly random k-subset of {0, …, count−1} for each of n rows: (n, k) int64 on the CPU.</summary>
    public static Tensor Subsets(Generator g, long n, int count, int k) =>
        rand(new[] { n, (long)count }, dtype: ScalarType.Float64, generator: g).argsort(1).narrow(1, 0, k);

    /// <summary>
    /// Per-sample linear map of the coordinates: p' = R[n]·p for every frame, joint and body.
    /// x: (N, 3, T, V, M); r: (N, 3, 3) on any device. Returns (N, 3, T, V, M).
    /// </summary>
    public static Tensor MapCoordinates(Tensor x, Tensor r)
    {
        var shape = x.shape;
        using var flat = x.reshape(shape[0], shape[1], -1);
        using var rr = r.to(x.dtype, x.device);
        using var mapped = bmm(rr, flat);
        return mapped.view(shape);
    }

    /// <summary>
    /// Per-sample linear map along time: y[n, c, t, v, m] = Σ_s A[n, t, s]·x[n, c, s, v, m].
    /// x: (N, C, T, V, M); a: (N, T', T) on any device. Returns (N, C, T', V, M).
    /// </summary>
    public static Tensor MapTime(Tensor x, Tensor a)
    {
        var s = x.shape;
        using var flat = x.reshape(s[0], s[1], s[2], s[3] * s[4]);
        using var aa = a.to(x.dtype, x.device);
        using var a4 = aa.unsqueeze(1);
        using var mapped = matmul(a4, flat);
        return mapped.view(s[0], s[1], a.shape[1], s[3], s[4]);
    }

    /// <summary>Per-sample choice: where apply[n] take a[n], else b[n]. apply: (N) bool on any device.</summary>
    public static Tensor Select(Tensor apply, Tensor a, Tensor b)
    {
        using var m = apply.to(a.device).view(apply.shape[0], 1, 1, 1, 1);
        return where(m, a, b);
    }

    /// <summary>
    /// Per-clip integers drawn uniformly from {0, …, hi[n]} (inclusive), int64 (N) on the CPU. When every
    /// clip has the same bound this is exactly <see cref="Integers"/> (one randint, so full-length clips
    /// keep the reference's draws); otherwise ⌊u·(hi[n]+1)⌋ with u ~ U(0, 1).
    /// </summary>
    public static Tensor IntegersUpTo(Generator g, long[] hi)
    {
        if (hi.Length == 0 || hi.All(h => h == hi[0])) return Integers(g, hi.Length, 0, hi.Length == 0 ? 0 : hi[0]);
        using var bound = tensor(hi);
        var u = rand(new[] { (long)hi.Length }, dtype: ScalarType.Float64, generator: g);
        return (u * (bound + 1).to(ScalarType.Float64)).floor().to(ScalarType.Int64).minimum(bound);
    }

    /// <summary>
    /// A time index that re-indexes each clip's valid frames by <paramref name="inside"/> and leaves
    /// its padding frames where they are: (N, T) int64 on the CPU, row n = where(t &lt; frames[n],
    /// inside[n, t], t). inside: (N, T) int64.
    /// </summary>
    public static Tensor KeepPadding(Tensor inside, long[] frames)
    {
        long n = inside.shape[0], t = inside.shape[1];
        using var scope = NewDisposeScope();
        var time = arange(t, dtype: ScalarType.Int64).expand(n, t);
        var valid = time.lt(tensor(frames).view(n, 1));
        return where(valid, inside, time).MoveToOuterDisposeScope();
    }

    /// <summary>The index of each NTU joint's body part in <see cref="NtuLayout.BodyParts"/> (25 entries).</summary>
    public static long[] PartOfJoint()
    {
        var part = new long[NtuLayout.Joints];
        for (int p = 0; p < NtuLayout.BodyParts.Count; p++)
            foreach (int j in NtuLayout.BodyParts[p].Joints) part[j] = p;
        return part;
    }

    /// <summary>
    /// Applies <paramref name="transform"/> to the clips where <paramref name="apply"/> (N, bool, CPU)
    /// holds and keeps the others: transform gets (k, C, T, V, M) and the k positions (int64, CPU)
    /// and must keep the shape. Cheaper than computing every clip and selecting.
    /// </summary>
    public static Tensor ApplyToSubset(Tensor x, Tensor apply, Func<Tensor, Tensor, Tensor> transform)
    {
        using var scope = NewDisposeScope();
        var positions = apply.nonzero().view(-1);
        long k = positions.shape[0];
        if (k == 0) return x.alias().MoveToOuterDisposeScope();
        if (k == x.shape[0]) return transform(x, positions).MoveToOuterDisposeScope();
        var onDevice = positions.to(x.device);
        var changed = transform(x.index_select(0, onDevice), positions);
        return x.index_copy(0, onDevice, changed).MoveToOuterDisposeScope();
    }

}
