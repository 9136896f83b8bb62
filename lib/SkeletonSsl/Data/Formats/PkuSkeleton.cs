namespace SkeletonSsl.Data.Formats;

/// <summary>
/// The content of one PKU-MMD skeleton file (spec/data.md §5.2): <see cref="FrameCount"/> frames of
/// 150 values each, frame-major in <see cref="Values"/>: person 1 joints 1..25 as x, y, z, then person 2
/// (75 zeros when absent). Frame f (0-based) is line f + 1 of the file.
/// </summary>
public sealed record PkuSkeleton(float[] Values, int FrameCount)
{
    public const int ValuesPerFrame = 150;

    /// <summary>The values as a (frames, 150) array.</summary>
    public float[,] ToArray2D()
    {
        var result = new float[FrameCount, ValuesPerFrame];
        Buffer.BlockCopy(Values, 0, result, 0, FrameCount * ValuesPerFrame * sizeof(float));
        return result;
    }

    /// <summary>The 150 values of frame <paramref name="frame"/> (0-based).</summary>
    public ReadOnlySpan<float> Frame(int frame) => Values.AsSpan(frame * ValuesPerFrame, ValuesPerFrame);
}
