namespace SkeletonSsl.Data.Formats;

/// <summary>
/// The content of one NTU RGB+D <c>.skeleton</c> file (spec/data.md §1.2): frames, each with zero
/// or more bodies. Readers keep every body of every frame; pipelines decide which to use.
/// </summary>
public sealed record NtuSkeletonSequence(IReadOnlyList<NtuFrame> Frames)
{
    public int FrameCount => Frames.Count;

    /// <summary>The largest number of bodies in one frame.</summary>
    public int MaxBodies => Frames.Count == 0 ? 0 : Frames.Max(f => f.Bodies.Count);
}

/// <summary>One frame: the bodies in file order (the order is not stable across frames).</summary>
public sealed record NtuFrame(IReadOnlyList<NtuBody> Bodies);

/// <summary>
/// One tracked body in a frame. <see cref="Info"/> holds the 10 body-info tokens;
/// <see cref="Joints"/> holds 25 joints × 12 values, joint-major:
/// x y z depthX depthY colorX colorY orientationW orientationX orientationY orientationZ trackingState.
/// </summary>
public sealed record NtuBody(ulong BodyId, NtuBodyInfo Info, float[] Joints)
{
    public const int ValuesPerJoint = 12;

    public float X(int joint) => Joints[joint * ValuesPerJoint];
    public float Y(int joint) => Joints[joint * ValuesPerJoint + 1];
    public float Z(int joint) => Joints[joint * ValuesPerJoint + 2];
}

/// <summary>The body-info tokens after the body id (spec/data.md §1.2).</summary>
public sealed record NtuBodyInfo(int ClippedEdges, int HandLeftConfidence, int HandLeftState, int HandRightConfidence,
    int HandRightState, int IsRestricted, float LeanX, float LeanY, int TrackingState);

/// <summary>The fields of an NTU file name SsssCcccPpppRrrrAaaa (1-based as written).</summary>
public sealed record NtuFileName(int Setup, int Camera, int Performer, int Replication, int Action)
{
    /// <summary>0-based class label: action − 1.</summary>
    public int Label => Action - 1;

    public override string ToString() => $"S{Setup:000}C{Camera:000}P{Performer:000}R{Replication:000}A{Action:000}";

    /// <summary>Parses a stem or file name such as "S001C002P003R001A060.skeleton".</summary>
    public static NtuFileName Parse(string fileName)
    {
        string stem = Path.GetFileName(fileName);
        int dot = stem.IndexOf('.');
        if (dot >= 0) stem = stem[..dot];
        if (stem.Length != 20 || stem[0] != 'S' || stem[4] != 'C' || stem[8] != 'P' || stem[12] != 'R' || stem[16] != 'A')
            throw new DataFormatException(fileName, "expected a name of the form SsssCcccPpppRrrrAaaa (e.g. S001C001P001R001A001)", field: "file name");
        int Field(int at, string what) => int.TryParse(stem.AsSpan(at, 3), out int v)
            ? v : throw new DataFormatException(fileName, $"expected three digits for the {what}", field: what);
        return new NtuFileName(Field(1, "setup"), Field(5, "camera"), Field(9, "performer"), Field(13, "replication"), Field(17, "action"));
    }
}
