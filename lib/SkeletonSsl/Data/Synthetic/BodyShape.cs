namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// One synthetic subject's body: segment lengths in metres. Drawn once per subject so that bone
/// lengths differ between subjects (the nuisance a cross-subject split tests) but stay fixed
/// across that subject's clips.
/// </summary>
internal sealed record BodyShape(
    double PelvisToSpineMid, double SpineMidToShoulder, double Neck, double Head,
    double ShoulderHalfWidth, double UpperArm, double Forearm, double Hand, double HandTip, double Thumb,
    double HipHalfWidth, double HipDrop, double Thigh, double Shin, double Foot)
{
    /// <summary>An adult of overall scale <paramref name="height"/>/1.70 with ±8 % per-segment variation.</summary>
    public static BodyShape Draw(Random rng, double height)
    {
        double s = height / 1.70;
        double V(double metres) => metres * s * (1 + 0.08 * (2 * rng.NextDouble() - 1));
        return new BodyShape(
            PelvisToSpineMid: V(0.26), SpineMidToShoulder: V(0.22), Neck: V(0.07), Head: V(0.14),
            ShoulderHalfWidth: V(0.18), UpperArm: V(0.28), Forearm: V(0.25), Hand: V(0.08), HandTip: V(0.06), Thumb: V(0.05),
            HipHalfWidth: V(0.085), HipDrop: V(0.06), Thigh: V(0.42), Shin: V(0.40), Foot: V(0.14));
    }

    /// <summary>Height of the pelvis above the floor when standing straight (ankle height included).</summary>
    public double StandingPelvisHeight => HipDrop + Thigh + Shin + 0.08;
}
