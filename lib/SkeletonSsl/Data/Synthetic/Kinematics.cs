using System.Numerics;

namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// Forward kinematics on the Kinect v2 / NTU 25-joint tree (spec/data.md §3.1): a
/// <see cref="BodyShape"/> and a <see cref="BodyPose"/> give 25 joint positions in a floor frame
/// (metres, +y up, floor at y = 0; the root offset and the heading rotate about the origin, so a
/// negative RootZ is a step forwards whatever the yaw).
/// </summary>
internal static class Kinematics
{
    private const float AnkleHeight = 0.08f;

    /// <summary>Writes the 25 joints into <paramref name="joints"/> (length 25).</summary>
    public static void Solve(BodyShape b, BodyPose p, Span<Vector3> joints)
    {
        var pelvis = new Vector3((float)p.RootX, (float)(b.StandingPelvisHeight + p.RootY), (float)p.RootZ);
        Vector3 Trunk(Vector3 v) => RotY(RotX(RotZ(v, -p.TrunkRoll), -p.TrunkPitch), p.TrunkTwist);

        joints[0] = pelvis;
        joints[1] = pelvis + Trunk(new Vector3(0, (float)b.PelvisToSpineMid, 0));
        joints[20] = joints[1] + Trunk(new Vector3(0, (float)b.SpineMidToShoulder, 0));
        joints[2] = joints[20] + Trunk(RotX(new Vector3(0, (float)b.Neck, 0), -p.NeckPitch));
        joints[3] = joints[2] + Trunk(RotX(new Vector3(0, (float)b.Head, 0), -p.NeckPitch));

        for (int side = 0; side < 2; side++)
        {
            float sign = side == 1 ? 1f : -1f;
            int shoulder = side == 1 ? 8 : 4;
            var sh = joints[20] + Trunk(new Vector3(sign * (float)b.ShoulderHalfWidth, -0.03f, 0));
            // Upper arm: hanging, abducted towards its own side, then flexed forwards.
            var upper = RotX(RotZ(new Vector3(0, -1, 0), sign * p.ShoulderAbduct[side]), p.ShoulderFlex[side]);
            double lift = Math.Clamp(Math.Sin(p.ShoulderAbduct[side]), 0, 1);
            var forearm = Bend(upper, new Vector3(0, (float)(0.3 + 1.5 * lift), -1), p.ElbowFlex[side]);
            var inward = Vector3.Normalize(Orthogonal(new Vector3(-sign, 0, -0.3f), forearm));
            upper = Trunk(upper);
            forearm = Trunk(forearm);
            inward = Trunk(inward);
            joints[shoulder] = sh;
            joints[shoulder + 1] = sh + upper * (float)b.UpperArm;
            joints[shoulder + 2] = joints[shoulder + 1] + forearm * (float)b.Forearm;
            joints[shoulder + 3] = joints[shoulder + 2] + forearm * (float)b.Hand;
            joints[side == 1 ? 23 : 21] = joints[shoulder + 3] + forearm * (float)b.HandTip;
            joints[side == 1 ? 24 : 22] = joints[shoulder + 3] + Vector3.Normalize(forearm * 0.5f + inward) * (float)b.Thumb;

            int hip = side == 1 ? 16 : 12;
            var thigh = RotX(RotZ(new Vector3(0, -1, 0), sign * p.HipAbduct[side]), p.HipFlex[side]);
            var shin = Bend(thigh, new Vector3(0, -0.3f, 1), p.KneeFlex[side]);
            joints[hip] = pelvis + new Vector3(sign * (float)b.HipHalfWidth, -(float)b.HipDrop, 0);
            joints[hip + 1] = joints[hip] + thigh * (float)b.Thigh;
            joints[hip + 2] = joints[hip + 1] + shin * (float)b.Shin;
            joints[hip + 3] = joints[hip + 2] + Vector3.Normalize(new Vector3(0, -0.25f, -1)) * (float)b.Foot;
        }

        // Feet stay on the floor unless airborne: shift the whole body so the lower ankle is at ankle height.
        float drop = p.Airborne ? 0 : Math.Min(joints[14].Y, joints[18].Y) - AnkleHeight;
        for (int j = 0; j < joints.Length; j++) joints[j] = RotY(joints[j], p.Yaw) - new Vector3(0, drop, 0);
    }

    /// <summary>Rotates <paramref name="limb"/> by <paramref name="angle"/> towards the part of <paramref name="towards"/> orthogonal to it.</summary>
    private static Vector3 Bend(Vector3 limb, Vector3 towards, double angle)
    {
        var perp = Orthogonal(towards, limb);
        if (perp.LengthSquared() < 1e-8f) perp = Orthogonal(new Vector3(0, 1, 0), limb);
        perp = Vector3.Normalize(perp);
        return Vector3.Normalize(limb * (float)Math.Cos(angle) + perp * (float)Math.Sin(angle));
    }

    private static Vector3 Orthogonal(Vector3 v, Vector3 unit) => v - Vector3.Dot(v, unit) * unit;

    /// <summary>Counter-clockwise rotations about the axes (right-handed).</summary>
    public static Vector3 RotX(Vector3 v, double a)
    {
        float c = (float)Math.Cos(a), s = (float)Math.Sin(a);
        return new Vector3(v.X, v.Y * c - v.Z * s, v.Y * s + v.Z * c);
    }

    public static Vector3 RotY(Vector3 v, double a)
    {
        float c = (float)Math.Cos(a), s = (float)Math.Sin(a);
        return new Vector3(v.X * c + v.Z * s, v.Y, -v.X * s + v.Z * c);
    }

    public static Vector3 RotZ(Vector3 v, double a)
    {
        float c = (float)Math.Cos(a), s = (float)Math.Sin(a);
        return new Vector3(v.X * c - v.Y * s, v.X * s + v.Y * c, v.Z);
    }
}
