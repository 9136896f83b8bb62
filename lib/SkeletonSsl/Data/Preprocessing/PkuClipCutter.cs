using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// Cuts per-action clips out of a PKU-MMD recording, the two ways the papers' code does it
/// (spec/data.md §5.5), as in-memory NTU-style sequences for <see cref="ClipBatchProcessor"/>:
/// <list type="bullet">
/// <item>AimCLR: lines start..end inclusive (1-based), one body per frame when the second person's
/// 75 values sum to 0, else two; clips longer than 300 frames are centre-cropped.</item>
/// <item>CMD/PCM3: 0-based rows start..end−1 (one frame later and one shorter), always both person
/// slots; the caller keeps the first 300 frames and records the full length.</item>
/// </list>
/// </summary>
public static class PkuClipCutter
{
    private static readonly NtuBodyInfo DummyInfo = new(0, 0, 0, 0, 0, 0, 0, 0, 2);

    /// <summary>AimCLR's clip of one instance, or an empty sequence when the instance lies outside the recording.</summary>
    public static NtuSkeletonSequence AimClr(PkuSkeleton video, PkuActionInstance instance)
    {
        int first = instance.Start - 1, last = Math.Min(instance.End - 1, video.FrameCount - 1);
        int n = Math.Max(0, last - first + 1);
        if (n > RawSkeletonArray.Frames)
        {
            first += (n - RawSkeletonArray.Frames) / 2;   // centre crop, start = (n − 300) div 2
            n = RawSkeletonArray.Frames;
        }
        var frames = new NtuFrame[n];
        for (int t = 0; t < n; t++)
        {
            var row = video.Frame(first + t);
            double second = 0;
            for (int i = 75; i < 150; i++) second += row[i];
            frames[t] = new NtuFrame(second == 0 ? [Body(row, 0)] : [Body(row, 0), Body(row, 1)]);
        }
        return new NtuSkeletonSequence(frames);
    }

    /// <summary>CMD/PCM3's clip of one instance: rows [start, end) 0-based, both person slots in every frame.</summary>
    public static NtuSkeletonSequence Cmd(PkuSkeleton video, PkuActionInstance instance)
    {
        int first = instance.Start, end = Math.Min(instance.End, video.FrameCount);
        int n = Math.Max(0, end - first);
        var frames = new NtuFrame[n];
        for (int t = 0; t < n; t++)
        {
            var row = video.Frame(first + t);
            frames[t] = new NtuFrame([Body(row, 0), Body(row, 1)]);
        }
        return new NtuSkeletonSequence(frames);
    }

    private static NtuBody Body(ReadOnlySpan<float> row, int person)
    {
        var joints = new float[25 * NtuBody.ValuesPerJoint];
        for (int v = 0; v < 25; v++)
        for (int c = 0; c < 3; c++)
            joints[v * NtuBody.ValuesPerJoint + c] = row[person * 75 + v * 3 + c];
        return new NtuBody((ulong)person, DummyInfo, joints);
    }
}
