using System.Numerics;
using System.Text;
using System.Text.Json;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// Writes a deterministic synthetic dataset in the NTU RGB+D raw format (spec/data.md §1):
/// <c>nturgb+d_skeletons/SsssCcccPpppRrrrAaaa.skeleton</c> text files in Kinect camera space
/// (metres, +y up, +z away from the sensor, all 12 joint values filled), the official-format
/// missing-skeleton list, and <c>synthetic.json</c> describing the set (classes, corrupt files).
/// Nuisances: bone lengths, tempo, amplitude and habits per subject; three views per setup;
/// sensor jitter and spikes; variable length; trailing empty frames; interactions whose second body
/// drops out, is missing or is listed first; occasional noise bodies.
/// </summary>
public sealed class SyntheticNtuGenerator
{
    public const string GeneratorVersion = "2";
    public const string SkeletonFolder = "nturgb+d_skeletons";
    public const string MissingListFile = "NTU_RGBD_samples_with_missing_skeletons.txt";
    public const string DescriptionFile = "synthetic.json";

    private static readonly int[] Leaves = [3, 15, 19, 21, 22, 23, 24];
    private static readonly int[] Child = [1, 20, 3, -1, 5, 6, 7, 21, 9, 10, 11, 23, 13, 14, 15, -1, 17, 18, 19, -1, 2, -1, -1, -1, -1];

    private readonly SyntheticCast _cast;

    public SyntheticConfig Config { get; }

    /// <summary>Every clip in name order (corrupt files are not clips).</summary>
    public IReadOnlyList<SyntheticClip> Clips { get; }

    public SyntheticNtuGenerator(SyntheticConfig config)
    {
        config.Validate();
        Config = config;
        _cast = new SyntheticCast(config.Seed, config.Subjects, config.Setups);
        var clips = new List<SyntheticClip>(config.Clips);
        for (int p = 1; p <= config.Subjects; p++)
        for (int k = 0; k < config.Repetitions; k++)
        for (int c = 0; c < config.Classes; c++)
        for (int cam = 1; cam <= 3; cam++)
        {
            int setup = 1 + (p - 1 + k / 2) % config.Setups, rep = 1 + k % 2;
            var name = new NtuFileName(setup, cam, p, rep, c + 1).ToString();
            clips.Add(new SyntheticClip(name, c, setup, cam, p, rep, false));
        }
        int missing = config.MissingSkeletonRate > 0 ? Math.Max(1, (int)Math.Round(config.MissingSkeletonRate * clips.Count)) : 0;
        var pick = new Random(SeedMix.Of(config.Seed, 3));
        foreach (int i in Enumerable.Range(0, clips.Count).OrderBy(_ => pick.Next()).Take(missing).ToArray())
            clips[i] = clips[i] with { MissingSkeleton = true };
        Clips = clips.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Renders one clip as the content of its .skeleton file.</summary>
    public NtuSkeletonSequence Render(SyntheticClip clip)
    {
        var perf = new Random(SeedMix.Of(Config.Seed, 10, clip.Performer, clip.Label, clip.Setup, clip.Replication));
        var subject = _cast.Subjects[clip.Performer - 1];
        double U(double lo, double hi) => lo + (hi - lo) * perf.NextDouble();
        double speed = subject.Speed * U(0.88, 1.12);
        var variation = new Variation(subject.Amplitude * U(0.85, 1.15), Math.Round(U(1.5, 3.5)), U(0, 2 * Math.PI), perf.Next(2) * 2 - 1, U(-0.7, 0.7));
        int active = Math.Max(8, (int)Math.Round(SyntheticActions.BaseFrames(clip.Label) * Config.TimeScale / speed));
        int leadIn = (int)Math.Round(U(2, 30) * Config.TimeScale), tail = (int)Math.Round(U(2, 30) * Config.TimeScale);
        if (leadIn + active + tail > 300) tail = Math.Max(0, 300 - leadIn - active);
        double yaw = CameraRig.FacingYaw(clip.Replication) + U(-0.3, 0.3);
        var offset = new Vector3((float)U(-0.3, 0.3), 0, (float)U(-0.4, 0.4));
        var distractor = Distractor(perf, clip.Label, leadIn + active + tail);
        var world = SyntheticMotion.Perform(clip.Label, subject, _cast.Partner(clip.Performer), variation, leadIn, active, tail, yaw, offset, U(0, 100), distractor);

        // Recording quirks, shared by the three views of a performance.
        bool swapOrder = perf.NextDouble() < 0.1;
        bool secondAbsent = perf.NextDouble() < 0.03;
        bool dropout = perf.NextDouble() < 0.08;
        int dropStart = perf.Next(world.Length), dropEnd = dropStart + perf.Next(3, 15);
        bool noiseBody = perf.NextDouble() < 0.03;
        int emptyTail = perf.NextDouble() < 0.04 ? perf.Next(1, 5) : 0;
        ulong idA = 72057594037927936UL + (ulong)perf.Next(1, 1 << 20), idB = idA + (ulong)perf.Next(1, 64);

        var rng = new Random(SeedMix.Of(Config.Seed, 11, clip.Performer, clip.Label, clip.Setup, clip.Replication, clip.Camera));
        var rig = _cast.Setups[clip.Setup - 1];
        var noiseCentre = new Vector3((float)(rng.NextDouble() * 3 - 1.5), (float)(rng.NextDouble() - 0.2), (float)(3 + rng.NextDouble()));
        var frames = new NtuFrame[world.Length + emptyTail];
        for (int t = 0; t < world.Length; t++)
        {
            if (clip.MissingSkeleton) { frames[t] = new NtuFrame([]); continue; }
            var bodies = new List<NtuBody>(3) { Body(world[t][0], idA, rig, clip.Camera, subject.Jitter, rng) };
            if (world[t].Length > 1 && !secondAbsent && !(dropout && t >= dropStart && t < dropEnd))
            {
                var b = Body(world[t][1], idB, rig, clip.Camera, _cast.Partner(clip.Performer).Jitter, rng);
                if (swapOrder) bodies.Insert(0, b); else bodies.Add(b);
            }
            if (noiseBody) bodies.Add(Noise(noiseCentre, idB + 7, rng));
            frames[t] = new NtuFrame(bodies);
        }
        for (int t = world.Length; t < frames.Length; t++) frames[t] = new NtuFrame([]);
        return new NtuSkeletonSequence(frames);
    }

    /// <summary>
    /// In 70 % of clips a weaker motion of another one-person class (25–60 % of its full size) is overlaid
    /// somewhere in the clip, so no single posture identifies a class.
    /// </summary>
    internal static (int, int, int, double, Variation)? Distractor(Random perf, int label, int frames)
    {
        if (perf.NextDouble() >= 0.7) return null;
        int other;
        do other = perf.Next(SyntheticActions.Names.Count); while (other == label || SyntheticActions.Persons(other) == 2 || other is 13 or 14);
        int length = Math.Max(6, (int)(frames * (0.3 + 0.5 * perf.NextDouble())));
        int start = perf.Next(-length / 3, Math.Max(1, frames - length / 2));
        return (other, start, length, 0.25 + 0.35 * perf.NextDouble(), new Variation(1, Math.Round(1 + 2 * perf.NextDouble()), 6.3 * perf.NextDouble(), 1));
    }

    /// <summary>One tracked body: camera-space xyz with jitter, depth/colour pixels, bone orientations, tracking states.</summary>
    private static NtuBody Body(Vector3[] worldJoints, ulong id, CameraRig rig, int camera, double jitter, Random rng)
    {
        Span<Vector3> clean = stackalloc Vector3[25];
        for (int j = 0; j < 25; j++) clean[j] = rig.ToCamera(camera, worldJoints[j]);
        var values = new float[25 * NtuBody.ValuesPerJoint];
        for (int j = 0; j < 25; j++)
        {
            bool extremity = j is 7 or 11 or 15 or 19 or >= 21;
            double sigma = jitter * (extremity ? 2 : 1);
            var p = clean[j] + new Vector3((float)(sigma * rng.Gaussian()), (float)(sigma * rng.Gaussian()), (float)(sigma * rng.Gaussian()));
            int state = 2;
            if (rng.NextDouble() < 0.002)
            {
                p += new Vector3((float)(0.05 * rng.Gaussian()), (float)(0.05 * rng.Gaussian()), (float)(0.03 * rng.Gaussian()));
                state = 1;
            }
            else if (extremity && rng.NextDouble() < 0.05) state = 1;
            int o = j * NtuBody.ValuesPerJoint;
            // Values are rounded like the sensor's own files (0.01 mm, 0.001 px, 5-digit quaternions) to keep files small.
            values[o] = Round(p.X, 5);
            values[o + 1] = Round(p.Y, 5);
            values[o + 2] = Round(p.Z, 5);
            // Kinect v2 projections (depth 512×424, colour 1920×1080); x grows to the image right for +x.
            values[o + 3] = Round(256f + 365.5f * p.X / p.Z, 3);
            values[o + 4] = Round(212f - 365.5f * p.Y / p.Z, 3);
            values[o + 5] = Round(985f + 1063f * p.X / p.Z, 3);
            values[o + 6] = Round(535f - 1063f * p.Y / p.Z, 3);
            if (Array.IndexOf(Leaves, j) < 0)
            {
                var d = clean[Child[j]] - clean[j];
                var q = FromUp(d.LengthSquared() > 0 ? Vector3.Normalize(d) : Vector3.UnitY);
                values[o + 7] = Round(q.W, 5);
                values[o + 8] = Round(q.X, 5);
                values[o + 9] = Round(q.Y, 5);
                values[o + 10] = Round(q.Z, 5);
            }
            values[o + 11] = state;
        }
        var torso = clean[20] - clean[0];
        var info = new NtuBodyInfo(ClippedEdges: 0, HandLeftConfidence: 1, HandLeftState: rng.Next(1, 3), HandRightConfidence: 1,
            HandRightState: rng.Next(1, 3), IsRestricted: 0, LeanX: Round(Math.Clamp(torso.X / Math.Max(torso.Y, 0.05f), -1, 1), 5),
            LeanY: Round(Math.Clamp(-torso.Z / Math.Max(torso.Y, 0.05f), -1, 1), 5), TrackingState: 2);
        return new NtuBody(id, info, values);
    }

    /// <summary>A spurious detection (furniture-like): a static, low-energy cluster of joints.</summary>
    private static NtuBody Noise(Vector3 centre, ulong id, Random rng)
    {
        var values = new float[25 * NtuBody.ValuesPerJoint];
        var local = new Random(id.GetHashCode());
        for (int j = 0; j < 25; j++)
        {
            int o = j * NtuBody.ValuesPerJoint;
            var p = centre + new Vector3((float)(0.2 * local.NextDouble()), (float)(0.4 * local.NextDouble()), (float)(0.1 * local.NextDouble()))
                    + new Vector3((float)(0.002 * rng.Gaussian()), (float)(0.002 * rng.Gaussian()), 0);
            values[o] = Round(p.X, 5);
            values[o + 1] = Round(p.Y, 5);
            values[o + 2] = Round(p.Z, 5);
            values[o + 3] = Round(256f + 365.5f * p.X / p.Z, 3);
            values[o + 4] = Round(212f - 365.5f * p.Y / p.Z, 3);
            values[o + 5] = Round(985f + 1063f * p.X / p.Z, 3);
            values[o + 6] = Round(535f - 1063f * p.Y / p.Z, 3);
            values[o + 11] = 1;
        }
        return new NtuBody(id, new NtuBodyInfo(0, 0, 0, 0, 0, 0, 0, 0, 1), values);
    }

    private static float Round(float v, int decimals) => (float)Math.Round(v, decimals);

    /// <summary>The shortest-arc rotation taking +y onto <paramref name="d"/> (unit).</summary>
    private static Quaternion FromUp(Vector3 d)
    {
        if (d.Y < -0.9999f) return new Quaternion(0, 0, 1, 0);
        return Quaternion.Normalize(new Quaternion(d.Z, 0, -d.X, 1 + d.Y));
    }

    /// <summary>
    /// Writes the whole set under <paramref name="outDir"/> (created; an existing synthetic set is replaced
    /// atomically, anything else only with <paramref name="force"/>: see <see cref="OutputGuard"/>).
    /// Returns the description written to synthetic.json.
    /// </summary>
    /// <exception cref="OutputConflictException">The folder holds something else and <paramref name="force"/> is false.</exception>
    public SyntheticDescription Write(string outDir, IProgress<int>? progress = null, bool force = false)
    {
        OutputGuard.Folder(outDir, "a synthetic set", IsSyntheticSet, force);
        string final = Path.GetFullPath(outDir);
        return AtomicFile.WriteFolder(final, tmp =>
        {
            string skeletons = Path.Combine(tmp, SkeletonFolder);
            Directory.CreateDirectory(skeletons);
            int done = 0;
            Parallel.ForEach(Clips, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, clip =>
            {
                NtuSkeletonWriter.Write(Path.Combine(skeletons, clip.Name + ".skeleton"), Render(clip));
                int n = Interlocked.Increment(ref done);
                if (n % 64 == 0) progress?.Report(n);
            });
            var corrupt = WriteCorrupt(skeletons);
            var missing = Clips.Where(c => c.MissingSkeleton).Select(c => c.Name).ToArray();
            File.WriteAllText(Path.Combine(tmp, MissingListFile),
                "The following samples have missing or incomplete skeletons in this synthetic set.\n" +
                "They should be ignored, as in the official list for NTU RGB+D.\n\n" + string.Concat(missing.Select(m => m + "\n")));
            var description = new SyntheticDescription("ntu60", GeneratorVersion, Config, SyntheticActions.Names.Take(Config.Classes).ToArray(),
                Clips.Count, missing, corrupt);
            File.WriteAllText(Path.Combine(tmp, DescriptionFile), JsonSerializer.Serialize(description, SyntheticDescription.JsonOptions));
            progress?.Report(Clips.Count);
            return description;
        });
    }

    /// <summary>
    /// Whether a folder is a synthetic set this kit wrote (NTU or PKU-MMD format), and nothing else: its
    /// description file, and only files of the names and kinds the generators write. A set someone added
    /// files to is not, so replacing it never deletes them.
    /// </summary>
    public static bool IsSyntheticSet(string dir)
    {
        static bool Only(string folder, string extension) =>
            Directory.Exists(folder) && !Directory.EnumerateDirectories(folder).Any()
            && Directory.EnumerateFiles(folder).All(f => f.EndsWith(extension, StringComparison.Ordinal));
        var entries = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        if (entries.SetEquals([DescriptionFile, MissingListFile, SkeletonFolder]))
            return File.Exists(Path.Combine(dir, DescriptionFile)) && File.Exists(Path.Combine(dir, MissingListFile))
                   && Only(Path.Combine(dir, SkeletonFolder), ".skeleton");
        if (entries.SetEquals([SyntheticPkuGenerator.DescriptionFile, SyntheticPkuGenerator.SkeletonFolder,
                               SyntheticPkuGenerator.LabelFolder, SyntheticPkuGenerator.SplitFolder]))
            return File.Exists(Path.Combine(dir, SyntheticPkuGenerator.DescriptionFile))
                   && new[] { SyntheticPkuGenerator.SkeletonFolder, SyntheticPkuGenerator.LabelFolder, SyntheticPkuGenerator.SplitFolder }
                       .All(f => Only(Path.Combine(dir, f), ".txt"));
        return false;
    }

    /// <summary>
    /// Malformed files for error-handling checks, named with replication 9 so they never collide with
    /// a clip: a truncated file, a non-numeric token, a wrong joint count, an empty file.
    /// </summary>
    private IReadOnlyList<CorruptFile> WriteCorrupt(string dir)
    {
        var result = new List<CorruptFile>();
        for (int i = 0; i < Config.CorruptFiles; i++)
        {
            var source = Clips[(i * 7919) % Clips.Count] with { MissingSkeleton = false };
            string name = new NtuFileName(source.Setup, source.Camera, source.Performer, 9, source.Label + 1).ToString();
            using var ms = new MemoryStream();
            NtuSkeletonWriter.Write(ms, Render(source));
            string[] lines = Encoding.UTF8.GetString(ms.ToArray()).Split('\n');
            (string text, string problem) = (i % 4) switch
            {
                0 => (string.Join('\n', lines.Take(lines.Length * 3 / 5)), "truncated: fewer frames than declared"),
                1 => (string.Join('\n', lines.Select((l, n) => n == 4 ? "0.12x " + l : l)), "non-numeric token on line 5"),
                2 => (string.Join('\n', lines.Select((l, n) => n == 3 ? "24" : l)), "joint count 24 on line 4"),
                _ => ("", "empty file"),
            };
            File.WriteAllText(Path.Combine(dir, name + ".skeleton"), text);
            result.Add(new CorruptFile(name, problem));
        }
        return result;
    }
}
