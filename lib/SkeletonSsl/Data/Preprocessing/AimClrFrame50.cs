using static TorchSharp.torch;

namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// AimCLR's offline 50-frame step (feeder/preprocess_ntu.py; spec/data.md §4.2, spec/aimclr.md §1.2)
/// on a batch of ST-GCN arrays x (N, 3, 300, 25, 2): valid length, centring on SpineShoulder,
/// OpenCV linear resize to 50 frames, per-frame y-rotation. The unused motion file is not produced
/// (the motion stream is recomputed from positions during training, §4.2 step 6).
/// </summary>
public static class AimClrFrame50
{
    public const int OutputFrames = 50;
    private const int SpineBase = 0, SpineShoulder = 20, ShoulderLeft = 4, ShoulderRight = 8;

    /// <summary>
    /// §4.2 step 2: the number of frames whose body-0 SpineBase has a non-zero sum of |x|+|y|+|z|.
    /// x: (N, 3, T, 25, 2). Returns one length per sample.
    /// </summary>
    public static int[] ValidLengths(Tensor x)
    {
        using var scope = NewDisposeScope();
        var counts = x.select(4, 0).select(3, SpineBase).abs().sum(1).ne(0).sum(1).to(ScalarType.Int64);
        return counts.data<long>().Select(c => (int)c).ToArray();
    }

    /// <summary>§4.2 step 3: subtract each body's SpineShoulder at the same frame (absent bodies stay zero).</summary>
    public static Tensor Centre(Tensor x) => x - x.narrow(3, SpineShoulder, 1);

    /// <summary>
    /// §4.2 step 5, per body and per frame: u_t = ShoulderRight − ShoulderLeft with y = 0,
    /// a_t = arccos(u_t.x / (|u_t| + 1e-4)), negated for the whole sequence when Σ_t u_t.z ≥ 0;
    /// p' = R_y(a_t) p with R = [[cos, 0, −sin], [0, 1, 0], [sin, 0, cos]].
    /// x: (N, 3, T, 25, M) → same shape. Zero bodies stay zero.
    /// </summary>
    public static Tensor RotateY(Tensor x)
    {
        using var scope = NewDisposeScope();
        var xd = x.to(ScalarType.Float64);
        var u = xd.select(3, ShoulderRight) - xd.select(3, ShoulderLeft);          // (N, 3, T, M)
        var ux = u.select(1, 0);
        var uz = u.select(1, 2);
        var norm = (ux * ux + uz * uz).sqrt();
        var angle = (ux / (norm + 1e-4)).acos();                                    // (N, T, M)
        var flip = uz.sum(1, keepdim: true).ge(0);                                  // (N, 1, M)
        angle = where(flip, -angle, angle);
        var cos = angle.cos().unsqueeze(2);                                          // (N, T, 1, M)
        var sin = angle.sin().unsqueeze(2);
        var px = xd.select(1, 0);
        var py = xd.select(1, 1);
        var pz = xd.select(1, 2);
        var rotated = stack([cos * px - sin * pz, py, sin * px + cos * pz], 1);
        return rotated.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The whole step on a batch whose valid lengths are all ≥ 1 (callers drop zero-length samples
    /// first). x: (N, 3, T, 25, 2) → (N, 3, 50, 25, 2) float32.
    /// </summary>
    public static Tensor Apply(Tensor x, IReadOnlyList<int> lengths)
    {
        using var scope = NewDisposeScope();
        // Frames past the longest valid length are never read by the resize: drop them before the arithmetic.
        int used = Math.Max(1, lengths.Count == 0 ? 1 : lengths.Max());
        var centred = Centre(x.narrow(2, 0, Math.Min(used, (int)x.shape[2])));
        var resized = OpenCvLinearResize.Resize(centred, lengths, OutputFrames);
        return RotateY(resized).MoveToOuterDisposeScope();
    }
}
