using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// Turns one parsed NTU sequence into the fixed (C=3, T=300, V=25, M=2) float32 array the
/// pipelines start from (C-order: index ((c·T + t)·V + v)·M + m). Two body rules:
/// <see cref="FirstTwoBodies"/> (ST-GCN gendata, spec/data.md §4.1) and <see cref="EnergySelected"/>
/// (2s-AGCN / MS-G3D, §4.3 step 2). Files longer than <see cref="Frames"/> are truncated (the
/// reference writers would fail); callers log it.
/// </summary>
public static class RawSkeletonArray
{
    public const int Frames = 300;
    public const int Channels = 3, Joints = 25, Bodies = 2;
    public const int Size = Channels * Frames * Joints * Bodies;

    /// <summary>The 4-D index of (c, t, v, m) in a (3, T, 25, 2) C-order array.</summary>
    public static int At(int c, int t, int v, int m, int frames = Frames) => ((c * frames + t) * Joints + v) * Bodies + m;

    /// <summary>§4.1 step 3: the m-th body listed in frame t goes to slot m (m &lt; 2; others ignored). Returns the frames used.</summary>
    public static int FirstTwoBodies(NtuSkeletonSequence sequence, Span<float> dest)
    {
        if (dest.Length != Size) throw new ArgumentException($"destination must hold {Size} floats", nameof(dest));
        dest.Clear();
        int frames = Math.Min(sequence.FrameCount, Frames);
        for (int t = 0; t < frames; t++)
        {
            var bodies = sequence.Frames[t].Bodies;
            for (int m = 0; m < Math.Min(bodies.Count, Bodies); m++)
            {
                var joints = bodies[m].Joints;
                for (int v = 0; v < Joints; v++)
                for (int c = 0; c < Channels; c++)
                    dest[At(c, t, v, m)] = joints[v * NtuBody.ValuesPerJoint + c];
            }
        }
        return frames;
    }

    /// <summary>
    /// §4.3 step 2: read up to 4 body slots (slot = order in the frame); energy of a slot =
    /// std(x) + std(y) + std(z), population std over all joints of the frames whose slot sum is
    /// non-zero (0 if none), in float64 as the reference; keep the two most energetic, highest first
    /// (ties as NumPy's reversed ascending argsort). Returns the frames used.
    /// </summary>
    public static int EnergySelected(NtuSkeletonSequence sequence, Span<float> dest)
    {
        if (dest.Length != Size) throw new ArgumentException($"destination must hold {Size} floats", nameof(dest));
        const int slots = 4;
        int total = sequence.FrameCount;
        var energy = new double[slots];
        for (int s = 0; s < slots; s++)
        {
            // Welford-free two-pass std per channel over valid frames.
            double[] sum = new double[3], sq = new double[3];
            long n = 0;
            for (int t = 0; t < total; t++)
            {
                var bodies = sequence.Frames[t].Bodies;
                if (s >= bodies.Count || FrameSum(bodies[s]) == 0) continue;
                var j = bodies[s].Joints;
                for (int v = 0; v < Joints; v++)
                for (int c = 0; c < 3; c++)
                {
                    double x = j[v * NtuBody.ValuesPerJoint + c];
                    sum[c] += x;
                }
                n += Joints;
            }
            if (n == 0) continue;
            for (int t = 0; t < total; t++)
            {
                var bodies = sequence.Frames[t].Bodies;
                if (s >= bodies.Count || FrameSum(bodies[s]) == 0) continue;
                var j = bodies[s].Joints;
                for (int v = 0; v < Joints; v++)
                for (int c = 0; c < 3; c++)
                {
                    double d = j[v * NtuBody.ValuesPerJoint + c] - sum[c] / n;
                    sq[c] += d * d;
                }
            }
            energy[s] = Math.Sqrt(sq[0] / n) + Math.Sqrt(sq[1] / n) + Math.Sqrt(sq[2] / n);
        }
        // NumPy: energy.argsort()[::-1][:2]; argsort of 4 items is an insertion sort (stable).
        int[] order = Enumerable.Range(0, slots).OrderBy(s => energy[s]).Reverse().Take(Bodies).ToArray();
        dest.Clear();
        int frames = Math.Min(total, Frames);
        for (int t = 0; t < frames; t++)
        {
            var bodies = sequence.Frames[t].Bodies;
            for (int m = 0; m < Bodies; m++)
            {
                int s = order[m];
                if (s >= bodies.Count) continue;
                var joints = bodies[s].Joints;
                for (int v = 0; v < Joints; v++)
                for (int c = 0; c < Channels; c++)
                    dest[At(c, t, v, m)] = joints[v * NtuBody.ValuesPerJoint + c];
            }
        }
        return frames;
    }

    /// <summary>Signed sum of a body's 75 coordinates in float64 (the reference's "is this frame empty" test).</summary>
    private static double FrameSum(NtuBody body)
    {
        double s = 0;
        var j = body.Joints;
        for (int v = 0; v < Joints; v++)
            s += (double)j[v * NtuBody.ValuesPerJoint] + j[v * NtuBody.ValuesPerJoint + 1] + j[v * NtuBody.ValuesPerJoint + 2];
        return s;
    }
}
