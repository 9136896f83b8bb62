namespace SkeletonSsl.Skeletons;

/// <summary>
/// The Kinect v2 / NTU RGB+D 25-joint layout (also PKU-MMD's). Indices are 0-based Kinect
/// JointType values. Source: spec/data.md §3; used by every encoder, augmentation and pipeline.
/// </summary>
public static class NtuLayout
{
    public const int Joints = 25;
    public const int Channels = 3;
    public const int MaxBodies = 2;

    /// <summary>SpineShoulder, the centre of the ST-GCN 'spatial' partition and of AimCLR's centring.</summary>
    public const int CenterJoint = 20;

    /// <summary>SpineMid, the origin of the CMD/PCM3 normalising pipeline.</summary>
    public const int SpineMid = 1;

    public const int SpineBase = 0;
    public const int ShoulderLeft = 4;
    public const int ShoulderRight = 8;

    public static readonly IReadOnlyList<string> JointNames =
    [
        "SpineBase", "SpineMid", "Neck", "Head", "ShoulderLeft", "ElbowLeft", "WristLeft", "HandLeft",
        "ShoulderRight", "ElbowRight", "WristRight", "HandRight", "HipLeft", "KneeLeft", "AnkleLeft", "FootLeft",
        "HipRight", "KneeRight", "AnkleRight", "FootRight", "SpineShoulder", "HandTipLeft", "ThumbLeft",
        "HandTipRight", "ThumbRight",
    ];

    /// <summary>
    /// Bone pairs (child, parent), 0-based, one per joint: bone[child] = X[child] − X[parent].
    /// The root SpineShoulder pairs with itself (a zero bone). Hand tips hang off the thumbs, as in
    /// the reference code (spec/data.md §3.2).
    /// </summary>
    public static readonly IReadOnlyList<(int Child, int Parent)> BonePairs = OneBased(
    [
        (1, 2), (2, 21), (3, 21), (4, 3), (5, 21), (6, 5), (7, 6), (8, 7), (9, 21), (10, 9), (11, 10), (12, 11),
        (13, 1), (14, 13), (15, 14), (16, 15), (17, 1), (18, 17), (19, 18), (20, 19), (21, 21), (22, 23), (23, 8),
        (24, 25), (25, 12),
    ]);

    /// <summary>The 24 undirected graph edges (the bone pairs without the root's self pair).</summary>
    public static readonly IReadOnlyList<(int A, int B)> Edges =
        BonePairs.Where(p => p.Child != p.Parent).ToArray();

    /// <summary>
    /// Left/right relabelling for the spatial flip: new joint j takes old joint FlipPermutation[j].
    /// Coordinates are not mirrored (spec/data.md §3.4).
    /// </summary>
    public static readonly IReadOnlyList<int> FlipPermutation =
        [0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 16, 17, 18, 19, 12, 13, 14, 15, 20, 23, 24, 21, 22];

    /// <summary>
    /// The five body parts in PCM3's sampling order (trunk, its "left hand", "right hand",
    /// "left leg", "right leg"), named here by the Kinect side. They partition the 25 joints
    /// (spec/data.md §3.5).
    /// </summary>
    public static readonly IReadOnlyList<BodyPart> BodyParts =
    [
        new("Trunk", [3, 2, 20, 1, 0]),
        new("RightArm", [8, 9, 10, 11, 23, 24]),
        new("LeftArm", [4, 5, 6, 7, 21, 22]),
        new("RightLeg", [16, 17, 18, 19]),
        new("LeftLeg", [12, 13, 14, 15]),
    ];

    private static (int, int)[] OneBased((int, int)[] pairs) => pairs.Select(p => (p.Item1 - 1, p.Item2 - 1)).ToArray();
}

/// <summary>A named set of joints (0-based indices).</summary>
public sealed record BodyPart(string Name, IReadOnlyList<int> Joints);
