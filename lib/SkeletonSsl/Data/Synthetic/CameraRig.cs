using System.Numerics;

namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// The three-sensor rig of one recording setup, modelled on NTU RGB+D: sensors at azimuths
/// −45°, 0° and +45° around the subject (cameras 1, 2, 3), all at the setup's height and distance,
/// each slightly tilted. Replication 1 faces camera 1's side, replication 2 camera 3's, so the
/// views include front, 45° and side views. Camera space is Kinect v2's: metres, origin at the
/// sensor, +y up, +z away from the sensor (spec/data.md §1.2).
/// </summary>
internal sealed record CameraRig(double Height, double Distance, double Tilt0, double Tilt1, double Tilt2)
{
    public static readonly double[] Azimuths = [-Math.PI / 4, 0, Math.PI / 4];

    public static CameraRig Draw(Random rng) => new(
        Height: 0.6 + 0.8 * rng.NextDouble(),
        Distance: 2.4 + 1.2 * rng.NextDouble(),
        Tilt0: -0.12 + 0.16 * rng.NextDouble(),
        Tilt1: -0.12 + 0.16 * rng.NextDouble(),
        Tilt2: -0.12 + 0.16 * rng.NextDouble());

    /// <summary>Heading (yaw) of a subject facing replication <paramref name="replication"/>'s sensor.</summary>
    public static double FacingYaw(int replication) => replication % 2 == 1 ? -Azimuths[0] : -Azimuths[2];

    /// <summary>Maps world points (floor frame, subject near the origin) into camera <paramref name="camera"/>'s space (1-based).</summary>
    public Vector3 ToCamera(int camera, Vector3 world)
    {
        double phi = Azimuths[camera - 1];
        double tilt = camera switch { 1 => Tilt0, 2 => Tilt1, _ => Tilt2 };
        var position = new Vector3((float)(Distance * Math.Sin(phi)), (float)Height, (float)(-Distance * Math.Cos(phi)));
        var z = new Vector3((float)-Math.Sin(phi), 0, (float)Math.Cos(phi));
        var x = new Vector3((float)Math.Cos(phi), 0, (float)Math.Sin(phi));
        var y = Vector3.UnitY;
        float c = (float)Math.Cos(tilt), s = (float)Math.Sin(tilt);
        var zt = z * c + y * s;
        var yt = y * c - z * s;
        var d = world - position;
        return new Vector3(Vector3.Dot(x, d), Vector3.Dot(yt, d), Vector3.Dot(zt, d));
    }
}
