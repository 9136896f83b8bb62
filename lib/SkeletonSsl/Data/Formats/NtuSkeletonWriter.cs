namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Writes NTU RGB+D <c>.skeleton</c> text (spec/data.md §1.2): the grammar <see cref="NtuSkeletonReader"/>
/// reads, one record per line, single spaces, shortest round-trip floats. Files are written
/// atomically. Used by the synthetic dataset generator.
/// </summary>
public static class NtuSkeletonWriter
{
    /// <summary>Writes <paramref name="sequence"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="crlf">End lines with CRLF as the dataset's own files do; LF otherwise.</param>
    public static void Write(string path, NtuSkeletonSequence sequence, bool crlf = false) =>
        AtomicFile.Write(path, stream => Write(stream, sequence, crlf));

    /// <summary>Writes <paramref name="sequence"/> to an open stream.</summary>
    public static void Write(Stream stream, NtuSkeletonSequence sequence, bool crlf = false)
    {
        using var w = new Utf8TextWriter(stream, crlf ? "\r\n" : "\n");
        w.Write((long)sequence.FrameCount);
        w.NewLine();
        foreach (var frame in sequence.Frames)
        {
            w.Write((long)frame.Bodies.Count);
            w.NewLine();
            foreach (var body in frame.Bodies) WriteBody(w, body);
        }
    }

    private static void WriteBody(Utf8TextWriter w, NtuBody body)
    {
        if (body.Joints.Length != NtuSkeletonReader.JointCount * NtuBody.ValuesPerJoint)
            throw new ArgumentException(
                $"a body needs {NtuSkeletonReader.JointCount} x {NtuBody.ValuesPerJoint} joint values, got {body.Joints.Length}", nameof(body));
        var info = body.Info;
        w.Write(body.BodyId);
        foreach (int v in (ReadOnlySpan<int>)[info.ClippedEdges, info.HandLeftConfidence, info.HandLeftState,
                     info.HandRightConfidence, info.HandRightState, info.IsRestricted])
        {
            w.Space();
            w.Write((long)v);
        }
        w.Space(); w.Write(info.LeanX);
        w.Space(); w.Write(info.LeanY);
        w.Space(); w.Write((long)info.TrackingState);
        w.NewLine();
        w.Write((long)NtuSkeletonReader.JointCount);
        w.NewLine();
        var joints = body.Joints;
        for (int j = 0; j < NtuSkeletonReader.JointCount; j++)
        {
            int at = j * NtuBody.ValuesPerJoint;
            w.Write(joints[at]);
            for (int c = 1; c < NtuBody.ValuesPerJoint; c++)
            {
                w.Space();
                w.Write(joints[at + c]);
            }
            w.NewLine();
        }
    }
}
