namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Reads NTU RGB+D <c>.skeleton</c> text files (spec/data.md §1.2) from bytes, without a string per
/// token. Accepts LF or CRLF, runs of spaces/tabs, trailing spaces, exponent notation, empty frames,
/// any number of bodies per frame and 64-bit body ids; sequences longer than 300 frames are kept in
/// full (pipelines decide how to truncate). Bad input raises <see cref="DataFormatException"/> with
/// the file, the 1-based line and the field.
/// </summary>
public static class NtuSkeletonReader
{
    public const int JointCount = 25;
    private const int BodyInfoTokens = 10;

    private static readonly string[] JointValueNames =
    [
        "x", "y", "z", "depthX", "depthY", "colorX", "colorY",
        "orientationW", "orientationX", "orientationY", "orientationZ", "trackingState",
    ];

    /// <summary>Reads and parses one file.</summary>
    public static NtuSkeletonSequence Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses the content of a file; <paramref name="file"/> names it in errors.</summary>
    public static NtuSkeletonSequence Parse(ReadOnlySpan<byte> content, string file)
    {
        var reader = new Utf8LineReader(content, file);
        if (!reader.NextLine()) throw reader.Error("the file is empty; expected the frame count", "frame count");
        reader.ExpectTokens(1, "frame count");
        int frameCount = reader.ParseInt("frame count");
        if (frameCount < 0) throw reader.Error($"the frame count must not be negative, found {frameCount}", "frame count");

        var frames = new NtuFrame[frameCount];
        for (int f = 0; f < frameCount; f++)
        {
            if (!reader.NextLine()) throw Truncated(ref reader, f, frameCount, $"body count of frame {f + 1}");
            reader.ExpectTokens(1, "body count");
            int bodyCount = reader.ParseInt("body count");
            if (bodyCount < 0) throw reader.Error($"the body count must not be negative, found {bodyCount}", "body count");
            var bodies = bodyCount == 0 ? [] : new NtuBody[bodyCount];
            for (int b = 0; b < bodyCount; b++) bodies[b] = ReadBody(ref reader, f, frameCount, b);
            frames[f] = new NtuFrame(bodies);
        }
        if (reader.NextLine())
            throw reader.Error($"frame count mismatch: the header declares {frameCount} frames but more records follow", "frame count");
        return new NtuSkeletonSequence(frames);
    }

    private static NtuBody ReadBody(ref Utf8LineReader reader, int frame, int frameCount, int body)
    {
        if (!reader.NextLine()) throw Truncated(ref reader, frame, frameCount, $"body info of body {body + 1}");
        reader.ExpectTokens(BodyInfoTokens, "body info");
        ulong id = reader.ParseUInt64("bodyID");
        var info = new NtuBodyInfo(
            ClippedEdges: reader.ParseInt("clippedEdges"),
            HandLeftConfidence: reader.ParseInt("handLeftConfidence"),
            HandLeftState: reader.ParseInt("handLeftState"),
            HandRightConfidence: reader.ParseInt("handRightConfidence"),
            HandRightState: reader.ParseInt("handRightState"),
            IsRestricted: reader.ParseInt("isRestricted"),
            LeanX: reader.ParseFloat("leanX"),
            LeanY: reader.ParseFloat("leanY"),
            TrackingState: reader.ParseInt("trackingState"));

        if (!reader.NextLine()) throw Truncated(ref reader, frame, frameCount, $"joint count of body {body + 1}");
        reader.ExpectTokens(1, "joint count");
        int jointCount = reader.ParseInt("joint count");
        if (jointCount != JointCount) throw reader.Error($"expected {JointCount} joints, found {jointCount}", "joint count");

        var joints = new float[JointCount * NtuBody.ValuesPerJoint];
        int k = 0;
        for (int j = 0; j < JointCount; j++)
        {
            if (!reader.NextLine()) throw Truncated(ref reader, frame, frameCount, $"joint {j + 1} of body {body + 1}");
            for (int c = 0; c < NtuBody.ValuesPerJoint; c++, k++)
            {
                if (!reader.TryParseFloat(out joints[k], out var token))
                    throw reader.FloatError(token, $"joint {j + 1} {JointValueNames[c]}");
            }
            reader.ExpectLineEnd(NtuBody.ValuesPerJoint, "joint");
        }
        return new NtuBody(id, info, joints);
    }

    private static DataFormatException Truncated(ref Utf8LineReader reader, int frame, int frameCount, string expected) =>
        reader.Error($"truncated file: it ends in frame {frame + 1} of {frameCount}; expected the {expected}", expected);
}
