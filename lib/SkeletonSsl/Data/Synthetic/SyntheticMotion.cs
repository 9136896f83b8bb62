using System.Numerics;

namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// One performance of an action in the floor frame: idle lead-in, the active part, idle tail.
/// Result: joints[t][person][joint] (metres, floor frame, noise-free). Deterministic given its inputs.
/// </summary>
internal static class SyntheticMotion
{
    /// <summary>Distance between the two people of an interaction at rest (metres).</summary>
    private const double PairDistance = 1.25;

    /// <param name="distractor">
    /// An optional second, weaker one-person motion overlaid on the performance (fidgeting, a half gesture):
    /// its label, its window as (first frame, frames) and the fraction of its full motion that is added.
    /// It makes the classes differ by what dominates rather than by any single posture.
    /// </param>
    public static Vector3[][][] Perform(int label, SubjectStyle subject, SubjectStyle partner, Variation variation,
        int leadIn, int active, int tail, double facingYaw, Vector3 offset, double timePhase,
        (int Label, int Start, int Frames, double Weight, Variation Variation)? distractor = null)
    {
        int persons = SyntheticActions.Persons(label);
        int frames = leadIn + active + tail;
        var result = new Vector3[frames][][];
        var a = new BodyPose();
        var b = new BodyPose();
        for (int t = 0; t < frames; t++)
        {
            double u = (t - leadIn + 0.5) / active;
            if (u is > 0 and < 1) u += variation.Warp * Math.Sin(2 * Math.PI * u) / (2 * Math.PI);
            Idle(a, subject, t + timePhase);
            Idle(b, partner, t + timePhase * 1.7);
            SyntheticActions.Animate(label, u, variation, a, b);
            if (distractor is { } d)
            {
                var before = a.Clone();
                SyntheticActions.Animate(d.Label, (t - d.Start + 0.5) / d.Frames, d.Variation, a, new BodyPose());
                a.BlendFrom(before, d.Weight);
            }
            result[t] = new Vector3[persons][];
            result[t][0] = Place(a, subject.Body, persons == 2 ? -1 : 0, facingYaw, offset);
            if (persons == 2) result[t][1] = Place(b, partner.Body, 1, facingYaw, offset);
        }
        return result;
    }

    /// <summary>The subject's rest habits: arms slightly out, elbows bent, a forward lean and a slow sway.</summary>
    private static void Idle(BodyPose p, SubjectStyle s, double t)
    {
        double sway = s.Sway * Math.Sin(2 * Math.PI * t / s.SwayPeriod);
        p.RootX = p.RootY = p.RootZ = 0;
        p.Yaw = 0;
        p.TrunkPitch = s.Lean;
        p.TrunkRoll = sway;
        p.TrunkTwist = 0.5 * sway;
        p.NeckPitch = 0.1 * s.Lean;
        p.Airborne = false;
        for (int side = 0; side < 2; side++)
        {
            p.ShoulderFlex[side] = 0.05 + 0.5 * sway * (side == 0 ? 1 : -1);
            p.ShoulderAbduct[side] = s.ArmOut;
            p.ElbowFlex[side] = s.ElbowRest;
            p.HipFlex[side] = 0;
            p.HipAbduct[side] = s.Stance;
            p.KneeFlex[side] = 0.05;
        }
    }

    /// <summary>
    /// Solves the pose and places the body: a single person stands at the origin; the two people of an
    /// interaction stand <see cref="PairDistance"/> apart facing each other (slot −1 on the left, +1 on the right).
    /// </summary>
    private static Vector3[] Place(BodyPose pose, BodyShape body, int slot, double facingYaw, Vector3 offset)
    {
        var joints = new Vector3[25];
        double faceEachOther = slot switch { -1 => -Math.PI / 2, 1 => Math.PI / 2, _ => 0 };
        pose.Yaw += faceEachOther;
        Kinematics.Solve(body, pose, joints);
        var shift = new Vector3((float)(slot * PairDistance / 2), 0, 0);
        for (int j = 0; j < 25; j++) joints[j] = Kinematics.RotY(joints[j] + shift, facingYaw) + offset;
        return joints;
    }
}
