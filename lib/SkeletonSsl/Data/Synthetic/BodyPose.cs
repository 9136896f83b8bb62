namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// The joint angles (radians) and root placement that drive the forward kinematics. Body frame:
/// +x = the subject's right, +y = up, the subject faces −z. Arm and leg arrays are indexed by
/// side: 0 = left, 1 = right (Kinect names).
/// </summary>
internal sealed class BodyPose
{
    /// <summary>Root (SpineBase) offset from standing position, metres, body frame before yaw.</summary>
    public double RootX, RootY, RootZ;

    /// <summary>Whole-body heading about +y (turning).</summary>
    public double Yaw;

    /// <summary>Trunk forward bend (bow), sideways lean (+ towards the right) and twist.</summary>
    public double TrunkPitch, TrunkRoll, TrunkTwist;

    /// <summary>Head nod (+ forward).</summary>
    public double NeckPitch;

    /// <summary>Shoulder flexion (arm raised forwards: 0 hanging, π/2 horizontal forward, π overhead).</summary>
    public readonly double[] ShoulderFlex = new double[2];

    /// <summary>Shoulder abduction (arm raised sideways: 0 hanging, π/2 horizontal out).</summary>
    public readonly double[] ShoulderAbduct = new double[2];

    /// <summary>Elbow flexion (0 straight).</summary>
    public readonly double[] ElbowFlex = new double[2];

    /// <summary>Hip flexion (leg forwards), abduction (leg sideways) and knee flexion.</summary>
    public readonly double[] HipFlex = new double[2];
    public readonly double[] HipAbduct = new double[2];
    public readonly double[] KneeFlex = new double[2];

    /// <summary>When true the feet are not pinned to the floor (jumps).</summary>
    public bool Airborne;
}
