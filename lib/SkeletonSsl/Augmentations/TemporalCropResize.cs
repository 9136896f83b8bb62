using SkeletonSsl.Data;
using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// CMD/PCM3/A2MC's temporal crop-resize (spec/pcm3.md §3 and §8, spec/a2mc.md §1.2). Per clip with
/// valid length n = min(num_frame, 300) (the batch's frame counts; the padding after them is never read):
/// <list type="bullet">
/// <item>random (train): s ~ U(lo, hi), L = min(max(floor(n·s), 64), n), start ~ U{0 … n−L};
/// pre-training uses [0.1, 1], downstream training [0.5, 1];</item>
/// <item>centre (test): start = floor(n·(1−r)/2) with r = 0.95, L = n − 2·start;</item>
/// </list>
/// then frames [start, start+L) are resampled to 64 frames by linear interpolation with half-pixel
/// centres (PyTorch's align_corners = false): output i reads position max(0, (i+0.5)·L/64 − 0.5)
/// between its floor and floor+1, clamped to L−1. Done as a per-clip (64 × T) matrix.
/// </summary>
public sealed class TemporalCropResize : IAugmentation
{
    private TemporalCropResize(string name, double minRatio, double maxRatio, double centreRatio, int frames)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, "the output length must be positive");
        if (!(minRatio > 0 && minRatio <= maxRatio && maxRatio <= 1))
            throw new ArgumentOutOfRangeException(nameof(minRatio), $"expected 0 < min ≤ max ≤ 1, got [{minRatio}, {maxRatio}]");
        Name = name;
        MinRatio = minRatio;
        MaxRatio = maxRatio;
        CentreRatio = centreRatio;
        Frames = frames;
    }

    /// <summary>Random crop with s ~ U(min, max); pre-training [0.1, 1] (the default), downstream training [0.5, 1].</summary>
    public static TemporalCropResize Random(double minRatio = 0.1, double maxRatio = 1.0, int frames = 64) =>
        new("crop-resize", minRatio, maxRatio, double.NaN, frames);

    /// <summary>Deterministic centre crop keeping <paramref name="ratio"/> of the valid frames (test, 0.95).</summary>
    public static TemporalCropResize Centre(double ratio = 0.95, int frames = 64) =>
        new("centre-crop-resize", ratio, ratio, ratio, frames);

    public string Name { get; }
    public double MinRatio { get; }
    public double MaxRatio { get; }

    /// <summary>NaN for the random crop; the kept fraction for the centre crop.</summary>
    public double CentreRatio { get; }

    /// <summary>Output length (64).</summary>
    public int Frames { get; }

    /// <summary>batch.X: (N, C, T, V, M) with batch.Frames valid frames → (N, C, 64, V, M), every output frame valid.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g)
    {
        var shape = BatchOps.CheckClips(batch.X, Name, needsCoordinates: false);
        using var scope = NewDisposeScope();
        var (start, length) = Windows(batch.Frames, g);
        var y = BatchOps.MapTime(batch.X, Matrix(start, length, shape[2], Frames)).MoveToOuterDisposeScope();
        return new ClipBatch(y, ValidFrames.Full(shape[0], Frames));
    }

    /// <summary>Each clip's crop window (start, L) inside its valid frames, int64 (N) on the CPU.</summary>
    internal (Tensor Start, Tensor Length) Windows(long[] frames, Generator g)
    {
        var n = tensor(frames);
        long count = frames.Length;
        if (!double.IsNaN(CentreRatio))
        {
            var s0 = (n.to(ScalarType.Float64) * ((1 - CentreRatio) / 2)).floor().to(ScalarType.Int64);   // int(0.025·n)
            return (s0, n - 2 * s0);
        }
        var ratio = BatchOps.Uniform(g, count, MinRatio, MaxRatio);              // s ~ U(lo, hi)
        var length = (n.to(ScalarType.Float64) * ratio).floor().to(ScalarType.Int64).clamp_min(Frames);
        length = minimum(length, n);                                                  // L = min(max(⌊n·s⌋, 64), n)
        var u = BatchOps.Uniform(g, count, 0, 1);
        var start = (u * (n - length + 1).to(ScalarType.Float64)).floor().to(ScalarType.Int64);   // start ~ U{0 … n−L}
        return (start, length);
    }

    /// <summary>The interpolation matrices (N, frames, T), float64 on the CPU.</summary>
    internal static Tensor Matrix(Tensor start, Tensor length, long t, int frames)
    {
        var l = length.to(ScalarType.Float64).unsqueeze(1);                           // (N, 1)
        var i = arange(frames, dtype: ScalarType.Float64).unsqueeze(0);               // (1, 64)
        var pos = ((i + 0.5) * l / frames - 0.5).clamp_min(0);                       // half-pixel centres
        var lo = pos.floor();
        var w = pos - lo;
        var last = l - 1;
        var i0 = minimum(lo, last).to(ScalarType.Int64) + start.unsqueeze(1);
        var i1 = minimum(lo + 1, last).to(ScalarType.Int64) + start.unsqueeze(1);
        var a = nn.functional.one_hot(i0, t).to(ScalarType.Float64) * (1 - w).unsqueeze(2);
        return a + nn.functional.one_hot(i1, t).to(ScalarType.Float64) * w.unsqueeze(2);
    }
}
