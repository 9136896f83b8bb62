namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// The synthetic action classes, in label order (label = action id − 1, as in NTU file names).
/// The order interleaves kinds so that a small class count (e.g. 8 for the Smoke size) still
/// contains mirrored pairs (left/right waves), whole-body actions and two-person interactions.
/// Several classes differ only subtly (left vs right arm; punch vs point; raise one hand vs both).
/// </summary>
public static class SyntheticActions
{
    public static readonly IReadOnlyList<string> Names =
    [
        "wave right hand", "wave left hand", "kick with right leg", "squat down", "shake hands",
        "bow", "raise right hand", "push other person", "raise left hand", "kick with left leg",
        "punch with right hand", "punch with left hand", "clap", "jump up", "turn around",
        "cheer up (both hands up)", "hug other person", "point with right hand", "point with left hand",
        "nod head",
    ];

    /// <summary>Number of people in each class (1, or 2 for interactions).</summary>
    public static int Persons(int label) => label is 4 or 7 or 16 ? 2 : 1;

    /// <summary>Typical length of the active part in frames at 30 fps for a subject of speed 1.</summary>
    internal static int BaseFrames(int label) => label switch
    {
        3 or 5 or 13 or 14 or 16 => 48,
        4 or 7 => 44,
        _ => 38,
    };

    private const int Left = 0, Right = 1;

    /// <summary>
    /// Adds class <paramref name="label"/>'s motion at progress <paramref name="u"/> (0..1 over the
    /// active part; the envelope is 0 outside it) to the idle poses of person A (and B).
    /// </summary>
    internal static void Animate(int label, double u, Variation v, BodyPose a, BodyPose b)
    {
        double e = Envelope(u);
        double bump = u is > 0 and < 1 ? Math.Pow(Math.Sin(Math.PI * u), 2) : 0;
        double osc = Math.Sin(2 * Math.PI * v.Cycles * Math.Clamp(u, 0, 1) + v.Phase);
        double A = v.Amplitude;
        switch (label)
        {
            case 0: Wave(a, Right, e, osc, A); break;
            case 1: Wave(a, Left, e, osc, A); break;
            case 2: Kick(a, Right, u, bump, A); break;
            case 3:
                foreach (int s in (int[])[Left, Right])
                {
                    a.HipFlex[s] += 1.45 * A * bump;
                    a.KneeFlex[s] += 2.0 * A * bump;
                    a.ShoulderFlex[s] += 0.9 * bump;
                }
                a.TrunkPitch += 0.45 * bump;
                break;
            case 4:
                foreach (var p in (BodyPose[])[a, b])
                {
                    p.RootZ -= 0.12 * e;
                    p.ShoulderFlex[Right] += 0.95 * e + 0.12 * e * osc;
                    p.ElbowFlex[Right] += 0.45 * e;
                }
                break;
            case 5:
                a.TrunkPitch += 0.85 * A * bump;
                a.NeckPitch += 0.3 * bump;
                break;
            case 6: Raise(a, Right, e, A); break;
            case 7:
                double push = Smooth((u - 0.35) / 0.25);
                foreach (int s in (int[])[Left, Right])
                {
                    a.ShoulderFlex[s] += 1.35 * e;
                    a.ElbowFlex[s] += e * (1.6 - 1.4 * push);
                }
                a.RootZ -= 0.2 * push * e;
                b.TrunkPitch -= 0.3 * push * e;
                b.RootZ += 0.35 * push * Smooth(u / 0.9);
                break;
            case 8: Raise(a, Left, e, A); break;
            case 9: Kick(a, Left, u, bump, A); break;
            case 10: Punch(a, Right, e, osc, A); break;
            case 11: Punch(a, Left, e, osc, A); break;
            case 12:
                foreach (int s in (int[])[Left, Right])
                {
                    a.ShoulderFlex[s] += 1.05 * e;
                    a.ShoulderAbduct[s] += e * (-0.35 + 0.25 * A * (1 + osc)) - a.ShoulderAbduct[s] * e;
                    a.ElbowFlex[s] += 0.9 * e;
                }
                break;
            case 13:
                double crouch = Math.Max(Bell(u, 0.15, 0.12), Bell(u, 0.85, 0.12));
                double flight = u is > 0.3 and < 0.7 ? Math.Sin(Math.PI * (u - 0.3) / 0.4) : 0;
                foreach (int s in (int[])[Left, Right])
                {
                    a.HipFlex[s] += 0.7 * crouch;
                    a.KneeFlex[s] += 1.1 * crouch;
                    a.ShoulderFlex[s] += 1.6 * flight * A;
                }
                a.TrunkPitch += 0.3 * crouch;
                a.Airborne = flight > 0;
                a.RootY += 0.28 * A * flight;
                break;
            case 14:
                a.Yaw += v.Direction * Math.PI * Smooth(u);
                a.KneeFlex[u * 8 % 2 < 1 ? Left : Right] += 0.35 * bump;
                break;
            case 15:
                foreach (int s in (int[])[Left, Right])
                {
                    a.ShoulderFlex[s] += 2.6 * e * Math.Min(1, A + 0.15) + 0.15 * e * osc;
                    a.ElbowFlex[s] += 0.25 * e - a.ElbowFlex[s] * e * 0.6;
                }
                break;
            case 16:
                foreach (var p in (BodyPose[])[a, b])
                {
                    p.RootZ -= 0.25 * e;
                    foreach (int s in (int[])[Left, Right])
                    {
                        p.ShoulderFlex[s] += 1.35 * e;
                        p.ShoulderAbduct[s] += 0.45 * e;
                        p.ElbowFlex[s] += 1.25 * e;
                    }
                }
                break;
            case 17: Point(a, Right, e, A); break;
            case 18: Point(a, Left, e, A); break;
            case 19:
                a.NeckPitch += e * (0.15 + 0.25 * A * Math.Max(0, osc));
                break;
            default: throw new ArgumentOutOfRangeException(nameof(label), label, $"synthetic labels are 0..{Names.Count - 1}");
        }
    }

    private static void Wave(BodyPose p, int s, double e, double osc, double A)
    {
        p.ShoulderAbduct[s] += e * (1.75 * A + 0.3 * osc);
        p.ShoulderFlex[s] += 0.35 * e;
        p.ElbowFlex[s] += 1.25 * e;
    }

    private static void Raise(BodyPose p, int s, double e, double A)
    {
        p.ShoulderFlex[s] += 2.65 * e * Math.Min(1.1, A + 0.2);
        p.ElbowFlex[s] += 0.2 * e - p.ElbowFlex[s] * e * 0.7;
    }

    private static void Punch(BodyPose p, int s, double e, double osc, double A)
    {
        double strike = Math.Pow(Math.Max(0, osc), 3);
        p.ShoulderFlex[s] += 1.45 * e;
        p.ElbowFlex[s] += e * (1.9 - 1.8 * strike * Math.Min(1, A + 0.2));
        p.TrunkTwist += (s == Right ? -1 : 1) * 0.2 * strike * e;
    }

    private static void Point(BodyPose p, int s, double e, double A)
    {
        p.ShoulderFlex[s] += 1.5 * e;
        p.ShoulderAbduct[s] += 0.3 * e * A;
        p.ElbowFlex[s] += -p.ElbowFlex[s] * e * 0.9;
    }

    private static void Kick(BodyPose p, int s, double u, double bump, double A)
    {
        double chamber = Bell(u, 0.35, 0.18);
        p.HipFlex[s] += 1.25 * A * bump;
        p.KneeFlex[s] += 1.2 * chamber;
        p.ShoulderAbduct[Left] += 0.2 * bump;
        p.ShoulderAbduct[Right] += 0.2 * bump;
        p.TrunkPitch -= 0.12 * bump;
    }

    private static double Envelope(double u) => u <= 0 || u >= 1 ? 0 : Smooth(u / 0.2) * Smooth((1 - u) / 0.2);

    private static double Smooth(double x)
    {
        x = Math.Clamp(x, 0, 1);
        return x * x * (3 - 2 * x);
    }

    private static double Bell(double u, double centre, double width) => u <= 0 || u >= 1 ? 0 : Math.Exp(-0.5 * Math.Pow((u - centre) / width, 2));
}

/// <summary>
/// Per-performance variation of an action: amplitude, repetitions, phase, turning direction and a
/// monotone time warp (|Warp| &lt; 1: progress u becomes u + Warp·sin(2πu)/2π, uneven tempo).
/// </summary>
internal readonly record struct Variation(double Amplitude, double Cycles, double Phase, int Direction, double Warp = 0);
