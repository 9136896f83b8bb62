namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// The 2s-AGCN / MS-G3D <c>pre_normalization</c> used by CMD, PCM3 and A2MC (spec/data.md §4.3
/// step 3, spec/pcm3.md §2.3), on one sample stored (3, T, 25, 2) C-order (the layout of
/// <see cref="RawSkeletonArray"/>). "Zero" tests are signed sums, as in the reference. The steps
/// are data-dependent per sample (which frames are empty), so they run per sample; callers
/// parallelise over samples.
/// </summary>
public static class PreNormalization
{
    private const int C = 3, V = 25, M = 2;
    private const int SpineBase = 0, SpineMid = 1, ShoulderLeft = 4, ShoulderRight = 8;

    /// <summary>All four steps in order: pad, centre, align the spine to +z, align the shoulders to +x.</summary>
    public static void Apply(Span<float> sample, int frames)
    {
        if (sample.Length != C * frames * V * M) throw new ArgumentException($"a sample holds {C * frames * V * M} floats", nameof(sample));
        if (SampleSum(sample) == 0) return;                       // whole-zero samples are skipped by every step
        Pad(sample, frames);
        Centre(sample, frames);
        Align(sample, frames, SpineBase, SpineMid, (0, 0, 1));
        Align(sample, frames, ShoulderLeft, ShoulderRight, (1, 0, 0));
    }

    /// <summary>
    /// §4.3 step 3a, per non-empty body: if frame 0 is empty, move the non-empty frames to the front
    /// (order kept) and zero the rest; then from the first empty frame f whose tail is all zero, fill
    /// f..T−1 by repeating frames 0..f−1 cyclically. Empty frames in the middle stay.
    /// </summary>
    public static void Pad(Span<float> x, int frames)
    {
        var frame = new double[frames];
        for (int m = 0; m < M; m++)
        {
            for (int t = 0; t < frames; t++) frame[t] = FrameSum(x, frames, t, m);
            if (frame.Sum() == 0) continue;
            if (frame[0] == 0)
            {
                int k = 0;
                for (int t = 0; t < frames; t++)
                {
                    if (frame[t] == 0) continue;
                    if (k != t) CopyFrame(x, frames, t, k, m);
                    frame[k++] = frame[t];
                }
                for (int t = k; t < frames; t++) { ZeroFrame(x, frames, t, m); frame[t] = 0; }
            }
            // Tail sums are signed, as person[i_f:].sum() == 0 in the reference.
            var tail = new double[frames + 1];
            for (int t = frames - 1; t >= 0; t--) tail[t] = tail[t + 1] + frame[t];
            for (int f = 1; f < frames; f++)
            {
                if (frame[f] != 0 || tail[f] != 0) continue;
                for (int t = f; t < frames; t++) CopyFrame(x, frames, (t - f) % f, t, m);
                break;
            }
        }
    }

    /// <summary>
    /// §4.3 step 3b: c_t = body 0's SpineMid at frame t; for each non-empty body, every joint whose own
    /// xyz sum is non-zero becomes p − c_t; zero joints stay zero.
    /// </summary>
    public static void Centre(Span<float> x, int frames)
    {
        var centre = new float[frames * C];
        for (int t = 0; t < frames; t++)
        for (int c = 0; c < C; c++)
            centre[t * C + c] = x[RawSkeletonArray.At(c, t, SpineMid, 0, frames)];
        for (int m = 0; m < M; m++)
        {
            if (BodySum(x, frames, m) == 0) continue;
            for (int t = 0; t < frames; t++)
            for (int v = 0; v < V; v++)
            {
                int i0 = RawSkeletonArray.At(0, t, v, m, frames), i1 = RawSkeletonArray.At(1, t, v, m, frames), i2 = RawSkeletonArray.At(2, t, v, m, frames);
                if (x[i0] + x[i1] + x[i2] == 0) continue;
                x[i0] -= centre[t * C];
                x[i1] -= centre[t * C + 1];
                x[i2] -= centre[t * C + 2];
            }
        }
    }

    /// <summary>
    /// §4.3 steps 3c/3d: v = joint <paramref name="to"/> − joint <paramref name="from"/> of body 0 at frame 0;
    /// rotate every non-empty frame of every non-empty body by R(v × target, angle(v, target)) so v
    /// becomes parallel to <paramref name="target"/>.
    /// </summary>
    public static void Align(Span<float> x, int frames, int from, int to, (double X, double Y, double Z) target)
    {
        var v = new double[C];
        for (int c = 0; c < C; c++) v[c] = (double)x[RawSkeletonArray.At(c, 0, to, 0, frames)] - x[RawSkeletonArray.At(c, 0, from, 0, frames)];
        double[] k = [v[1] * target.Z - v[2] * target.Y, v[2] * target.X - v[0] * target.Z, v[0] * target.Y - v[1] * target.X];
        double angle = AngleBetween(v, [target.X, target.Y, target.Z]);
        var r = RotationMatrix(k, angle);
        for (int m = 0; m < M; m++)
        {
            if (BodySum(x, frames, m) == 0) continue;
            for (int t = 0; t < frames; t++)
            {
                if (FrameSum(x, frames, t, m) == 0) continue;
                for (int j = 0; j < V; j++)
                {
                    int i0 = RawSkeletonArray.At(0, t, j, m, frames), i1 = RawSkeletonArray.At(1, t, j, m, frames), i2 = RawSkeletonArray.At(2, t, j, m, frames);
                    double px = x[i0], py = x[i1], pz = x[i2];
                    x[i0] = (float)(r[0, 0] * px + r[0, 1] * py + r[0, 2] * pz);
                    x[i1] = (float)(r[1, 0] * px + r[1, 1] * py + r[1, 2] * pz);
                    x[i2] = (float)(r[2, 0] * px + r[2, 1] * py + r[2, 2] * pz);
                }
            }
        }
    }

    /// <summary>arccos of the clipped cosine; 0 when either vector's L1 norm is below 1e-6.</summary>
    public static double AngleBetween(double[] a, double[] b)
    {
        double la = Math.Abs(a[0]) + Math.Abs(a[1]) + Math.Abs(a[2]), lb = Math.Abs(b[0]) + Math.Abs(b[1]) + Math.Abs(b[2]);
        if (la < 1e-6 || lb < 1e-6) return 0;
        double na = Math.Sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]), nb = Math.Sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        double cos = (a[0] / na) * (b[0] / nb) + (a[1] / na) * (b[1] / nb) + (a[2] / na) * (b[2] / nb);
        return Math.Acos(Math.Clamp(cos, -1, 1));
    }

    /// <summary>
    /// Counter-clockwise rotation by <paramref name="theta"/> about <paramref name="axis"/> in the reference's
    /// Euler–Rodrigues form (a = cos θ/2, (b, c, d) = −n sin θ/2); identity when |axis|₁ or |θ| &lt; 1e-6.
    /// </summary>
    public static double[,] RotationMatrix(double[] axis, double theta)
    {
        if (Math.Abs(axis[0]) + Math.Abs(axis[1]) + Math.Abs(axis[2]) < 1e-6 || Math.Abs(theta) < 1e-6)
            return new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        double n = Math.Sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double a = Math.Cos(theta / 2), s = -Math.Sin(theta / 2);
        double b = axis[0] / n * s, c = axis[1] / n * s, d = axis[2] / n * s;
        double aa = a * a, bb = b * b, cc = c * c, dd = d * d, bc = b * c, ad = a * d, ac = a * c, ab = a * b, bd = b * d, cd = c * d;
        return new double[,]
        {
            { aa + bb - cc - dd, 2 * (bc + ad), 2 * (bd - ac) },
            { 2 * (bc - ad), aa + cc - bb - dd, 2 * (cd + ab) },
            { 2 * (bd + ac), 2 * (cd - ab), aa + dd - bb - cc },
        };
    }

    private static double FrameSum(ReadOnlySpan<float> x, int frames, int t, int m)
    {
        double s = 0;
        for (int c = 0; c < C; c++)
        for (int v = 0; v < V; v++)
            s += x[RawSkeletonArray.At(c, t, v, m, frames)];
        return s;
    }

    private static double BodySum(ReadOnlySpan<float> x, int frames, int m)
    {
        double s = 0;
        for (int t = 0; t < frames; t++) s += FrameSum(x, frames, t, m);
        return s;
    }

    private static double SampleSum(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float f in x) s += f;
        return s;
    }

    private static void CopyFrame(Span<float> x, int frames, int from, int to, int m)
    {
        for (int c = 0; c < C; c++)
        for (int v = 0; v < V; v++)
            x[RawSkeletonArray.At(c, to, v, m, frames)] = x[RawSkeletonArray.At(c, from, v, m, frames)];
    }

    private static void ZeroFrame(Span<float> x, int frames, int t, int m)
    {
        for (int c = 0; c < C; c++)
        for (int v = 0; v < V; v++)
            x[RawSkeletonArray.At(c, t, v, m, frames)] = 0;
    }
}
