namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Reads NTU RGB+D <c>.skeleton</c> text files (spec/data.md §1.2) from bytes, without a string per
/// token. Accepts LF or CRLF, runs of spaces/tabs, trailing spaces, exponent notation, empty frames,
/// any number of bodies per frame and 64-bit body ids; sequences longer than 300 frames are kept in
/// full (pipelines decide how to truncate). Bad input raises <see cref="DataFormatException"/> with
/// the file, the 1-based line and the field. What is reserved for the declared counts is bounded by
/// the bytes that follow, and non-finite values are refused unless <see cref="SkeletonTextOptions"/> keeps them.
/// </summary>
public static class NtuSkeletonReader
{
    public const int JointCount = 25;
    private const int BodyInfoTokens = 10;

    // The shortest possible records: a frame is at least its body-count line ("0\n"); a body at least
    // its info line, its joint-count line and 25 joint lines of 12 one-digit values.
    private const int MinFrameBytes = 2;
    private const int MinBodyBytes = 20 + 3 + JointCount * 24;

    private static readonly string[] JointValueNames =
    [
        "x", "y", "z", "depthX", "depthY", "colorX", "colorY",
        "orientationW", "orientationX", "orientationY", "orientationZ", "trackingState",
    ];

    /// <summary>Reads and parses one file.</summary>
    public static NtuSkeletonSequence Read(string path, SkeletonTextOptions? options = null) => Parse(File.ReadAllBytes(path), path, options);

    /// <summary>Parses the content of a file; <paramref name="file"/> names it in errors.</summary>
    public static NtuSkeletonSequence Parse(ReadOnlySpan<byte> content, string file, SkeletonTextOptions? options = null)
    {
        var finite = new NonFiniteCheck(options);
        var reader = new Utf8LineReader(content, file);
        if (!reader.NextLine()) throw reader.Error("the file is empty; expected the frame count", "frame count");
        reader.ExpectTokens(1, "frame count");
        int frameCount = reader.ParseInt("frame count");
        if (frameCount < 0) throw reader.Error($"the frame count must not be negative, found {frameCount}", "frame count");

        // Counts only bound what is reserved: a hostile count (2^31 - 1) in a small file must not
        // allocate that many records; the reading itself reports where the file falls short.
        var frames = new List<NtuFrame>(Math.Min(frameCount, reader.RemainingBytes / MinFrameBytes + 1));
        for (int f = 0; f < frameCount; f++)
        {
            if (!reader.NextLine()) throw Truncated(ref reader, f, frameCount, $"body count of frame {f + 1}");
            reader.ExpectTokens(1, "body count");
            int bodyCount = reader.ParseInt("body count");
            if (bodyCount < 0) throw reader.Error($"the body count must not be negative, found {bodyCount}", "body count");
            var bodies = new List<NtuBody>(Math.Min(bodyCount, reader.RemainingBytes / MinBodyBytes + 1));
            for (int b = 0; b < bodyCount; b++) bodies.Add(ReadBody(ref reader, f, frameCount, b, finite));
            frames.Add(new NtuFrame(bodyCount == 0 ? [] : bodies.ToArray()));
        }
        if (reader.NextLine())
            throw reader.Error($"frame count mismatch: the header declares {frameCount} frames but more records follow", "frame count");
        finite.Finish(file);
        return new NtuSkeletonSequence(frames.ToArray());
    }

    private static NtuBody ReadBody(ref Utf8LineReader reader, int frame, int frameCount, int body, NonFiniteCheck finite)
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
            LeanX: Finite(reader.ParseFloat("leanX"), ref reader, finite, "leanX"),
            LeanY: Finite(reader.ParseFloat("leanY"), ref reader, finite, "leanY"),
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
                if (!float.IsFinite(joints[k])) finite.Check(joints[k], ref reader, $"joint {j + 1} {JointValueNames[c]}");
            }
            reader.ExpectLineEnd(NtuBody.ValuesPerJoint, "joint");
        }
        return new NtuBody(id, info, joints);
    }

    private static float Finite(float value, ref Utf8LineReader reader, NonFiniteCheck finite, string field)
    {
        finite.Check(value, ref reader, field);
        return value;
    }

    private static DataFormatException Truncated(ref Utf8LineReader reader, int frame, int frameCount, string expected) =>
        reader.Error($"truncated file: it ends in frame {frame + 1} of {frameCount}; expected the {expected}", expected);
}
