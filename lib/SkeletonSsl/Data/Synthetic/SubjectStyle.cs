namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// How one synthetic subject moves: body, tempo, range of motion and idle habits. These are the
/// nuisance factors that make the classes hard to separate without learning (the per-class
/// differences are of the same order as the differences between subjects).
/// </summary>
internal sealed record SubjectStyle(
    BodyShape Body, double Speed, double Amplitude, double ArmOut, double ElbowRest, double Lean,
    double Sway, double SwayPeriod, double Jitter, double Stance)
{
    public static SubjectStyle Draw(Random rng)
    {
        double U(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
        return new SubjectStyle(
            Body: BodyShape.Draw(rng, U(1.52, 1.90)),
            Speed: U(0.65, 1.4),
            Amplitude: U(0.55, 1.2),
            ArmOut: U(0.0, 0.5),
            ElbowRest: U(0.05, 1.3),
            Lean: U(-0.08, 0.22),
            Sway: U(0.01, 0.06),
            SwayPeriod: U(25, 70),
            Jitter: U(0.003, 0.009),
            Stance: U(0.0, 0.15));
    }
}
