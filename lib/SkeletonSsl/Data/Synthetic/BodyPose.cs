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

    public BodyPose Clone()
    {
        var c = (BodyPose)MemberwiseClone();
        foreach (var (from, to) in Limbs(this).Zip(Limbs(c))) Array.Copy(from, to, 2);
        return c;
    }

    /// <summary>Keeps only <paramref name="weight"/> of the change made since <paramref name="before"/>: this = before + w·(this − before).</summary>
    public void BlendFrom(BodyPose before, double weight)
    {
        double L(double b, double a) => b + weight * (a - b);
        RootX = L(before.RootX, RootX); RootY = L(before.RootY, RootY); RootZ = L(before.RootZ, RootZ);
        Yaw = L(before.Yaw, Yaw);
        TrunkPitch = L(before.TrunkPitch, TrunkPitch); TrunkRoll = L(before.TrunkRoll, TrunkRoll); TrunkTwist = L(before.TrunkTwist, TrunkTwist);
        NeckPitch = L(before.NeckPitch, NeckPitch);
        foreach (var (b, a) in Limbs(before).Zip(Limbs(this)))
            for (int s = 0; s < 2; s++) a[s] = L(b[s], a[s]);
        Airborne = before.Airborne;
    }

    private static double[][] Limbs(BodyPose p) => [p.ShoulderFlex, p.ShoulderAbduct, p.ElbowFlex, p.HipFlex, p.HipAbduct, p.KneeFlex];
}
