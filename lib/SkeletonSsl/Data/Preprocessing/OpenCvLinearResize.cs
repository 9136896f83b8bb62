using static TorchSharp.torch;

namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// OpenCV's <c>cv2.resize(..., INTER_LINEAR)</c> along one axis (time = image rows), as AimCLR's
/// 50-frame step uses it (spec/data.md §4.2 step 4): for output row r,
/// s = (float)((r + 0.5)·scale − 0.5) with scale = 1 / (out / L) in double, i = floor(s), w = s − i;
/// i &lt; 0 → (0, 0); i ≥ L − 1 → (L − 1, 0); value = (1 − w)·src[i] + w·src[min(i + 1, L − 1)] in float32.
/// </summary>
public static class OpenCvLinearResize
{
    /// <summary>Source rows and weights for resizing <paramref name="length"/> rows to <paramref name="output"/> rows.</summary>
    public static (int[] Lower, int[] Upper, float[] Weight) Taps(int length, int output)
    {
        if (length < 1) throw new ArgumentException("OpenCV cannot resize an empty image: length must be ≥ 1", nameof(length));
        var lo = new int[output];
        var hi = new int[output];
        var w = new float[output];
        double scale = 1.0 / ((double)output / length);
        for (int r = 0; r < output; r++)
        {
            if (length == output) { lo[r] = hi[r] = r; continue; }
            float s = (float)((r + 0.5) * scale - 0.5);
            int i = (int)Math.Floor(s);
            float f = s - i;
            if (i < 0) { i = 0; f = 0; }
            if (i >= length - 1) { i = length - 1; f = 0; }
            lo[r] = i;
            hi[r] = Math.Min(i + 1, length - 1);
            w[r] = f;
        }
        return (lo, hi, w);
    }

    /// <summary>
    /// Resizes the first lengths[n] frames of each sample of x (N, C, T, V, M) to <paramref name="output"/>
    /// frames. Returns (N, C, output, V, M) float32. Every length must be ≥ 1.
    /// </summary>
    public static Tensor Resize(Tensor x, IReadOnlyList<int> lengths, int output)
    {
        long n = x.shape[0];
        if (lengths.Count != n) throw new ArgumentException($"need one length per sample: {n} samples, {lengths.Count} lengths");
        var lo = new long[n * output];
        var hi = new long[n * output];
        var w = new float[n * output];
        for (int s = 0; s < n; s++)
        {
            var (l, h, f) = Taps(lengths[s], output);
            for (int r = 0; r < output; r++)
            {
                lo[s * output + r] = l[r];
                hi[s * output + r] = h[r];
                w[s * output + r] = f[r];
            }
        }
        using var scope = NewDisposeScope();
        long c = x.shape[1], v = x.shape[3], m = x.shape[4];
        var shape = new long[] { n, 1, output, 1, 1 };
        var expand = new long[] { n, c, output, v, m };
        var lower = x.gather(2, tensor(lo).reshape(shape).expand(expand));
        var upper = x.gather(2, tensor(hi).reshape(shape).expand(expand));
        var weight = tensor(w).reshape(shape);
        // (1 − w)·a + w·b with the weights in float32, as OpenCV's VResizeLinear for float images.
        return ((1f - weight) * lower + weight * upper).MoveToOuterDisposeScope();
    }
}
