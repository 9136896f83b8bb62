using System.Numerics;
using System.Text.Json;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Splits;

namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// Writes a deterministic synthetic dataset in the PKU-MMD raw layout (spec/data.md §5):
/// <c>PKU_Skeleton_Renew/&lt;video&gt;.txt</c> (150 values per frame: person 1 then person 2, zeros
/// when absent), <c>Train_Label_PKU_final/&lt;video&gt;.txt</c> ("class,start,end,confidence", 1-based
/// inclusive frames, several actions per recording) and the official-format split files in
/// <c>Split/</c>. Same motion model, subjects and camera rigs as <see cref="SyntheticNtuGenerator"/>.
/// Made for action detection too (PCM3 Table 5): instance lengths vary (×0.65-1.5 around the class's typical
/// length), pauses range from 2 frames to long idle stretches, idle gaps may hold unannotated damped motion of another
/// class, and the classes include near-twins (left/right arm, punch/point), see <see cref="Gap"/> and <see cref="Fidget"/>.
/// </summary>
public sealed class SyntheticPkuGenerator
{
    public const string SkeletonFolder = "PKU_Skeleton_Renew";
    public const string LabelFolder = "Train_Label_PKU_final";
    public const string SplitFolder = "Split";
    public const string DescriptionFile = "synthetic-pku.json";

    /// <summary>
    /// Version of the PKU recordings' content (recorded in the description; bump on any change): "pku-2" varies
    /// instance lengths, leaves short pauses and long idle stretches between instances, and puts unannotated
    /// background motion into idle gaps (so that detection is not trivial).
    /// </summary>
    public const string GeneratorVersion = "pku-2";
    private static readonly string[] Views = ["L", "M", "R"];

    private readonly SyntheticCast _cast;

    public SyntheticPkuConfig Config { get; }

    /// <summary>Every video (recording × view) in name order.</summary>
    public IReadOnlyList<SyntheticPkuVideo> Videos { get; }

    public SyntheticPkuGenerator(SyntheticPkuConfig config)
    {
        config.Validate();
        Config = config;
        _cast = new SyntheticCast(config.Seed, config.Subjects, 8);
        var videos = new List<SyntheticPkuVideo>();
        for (int s = 1; s <= config.Subjects; s++)
        for (int q = 1; q <= config.Sequences; q++)
        for (int v = 0; v < 3; v++)
        {
            string name = config.Part == 1 ? $"{2 + (s - 1) * config.Sequences + (q - 1):0000}-{Views[v]}" : $"A{q:00}N{s:00}-{Views[v]}";
            videos.Add(new SyntheticPkuVideo(name, s, q, Views[v]));
        }
        Videos = videos.OrderBy(v => v.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Renders one video: its skeleton file content and its label lines.</summary>
    public (PkuSkeleton Skeleton, IReadOnlyList<PkuActionInstance> Labels) Render(SyntheticPkuVideo video)
    {
        var rng = new Random(SeedMix.Of(Config.Seed, 20, video.Subject, video.Sequence));
        double U(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
        var subject = _cast.Subjects[video.Subject - 1];
        var partner = _cast.Partner(video.Subject);
        double yaw = U(-0.3, 0.3);
        var offset = new Vector3((float)U(-0.3, 0.3), 0, (float)U(-0.3, 0.3));
        var classes = Enumerable.Range(0, Config.ActionsPerVideo).Select(i => i % Config.Classes).OrderBy(_ => rng.Next()).ToArray();
        var frames = new List<Vector3[][]>();
        var labels = new List<PkuActionInstance>();
        for (int i = 0; i < classes.Length; i++)
        {
            int label = classes[i];
            double speed = subject.Speed * U(0.88, 1.12);
            var variation = new Variation(subject.Amplitude * U(0.85, 1.15), Math.Round(U(1.5, 3.5)), U(0, 2 * Math.PI), rng.Next(2) * 2 - 1, U(-0.7, 0.7));
            int gap = Gap(rng, Config.TimeScale);
            // Instance lengths vary well beyond the subject's speed: a detector cannot learn one duration per class.
            int active = Math.Max(8, (int)Math.Round(SyntheticActions.BaseFrames(label) * Config.TimeScale / speed * U(0.65, 1.5)));
            int tail = i == classes.Length - 1 ? Gap(rng, Config.TimeScale) : 0;
            var distractor = Fidget(rng, gap, Config.Classes, label);
            var segment = SyntheticMotion.Perform(label, subject, partner, variation, gap, active, tail, yaw, offset, frames.Count, distractor);
            int start = frames.Count + gap + 1;
            labels.Add(new PkuActionInstance(label + 1, start, start + active - 1, rng.Next(1, 3)));
            frames.AddRange(segment);
        }

        int camera = Array.IndexOf(Views, video.View) + 1;
        var rig = _cast.Setups[(video.Subject + video.Sequence) % _cast.Setups.Length];
        var noise = new Random(SeedMix.Of(Config.Seed, 21, video.Subject, video.Sequence, camera));
        var values = new float[frames.Count * PkuSkeleton.ValuesPerFrame];
        for (int t = 0; t < frames.Count; t++)
        {
            if (noise.NextDouble() < 0.005) continue;   // a lost frame: all zeros, as in the real files
            for (int p = 0; p < frames[t].Length; p++)
            {
                double sigma = p == 0 ? subject.Jitter : partner.Jitter;
                for (int j = 0; j < 25; j++)
                {
                    var q = rig.ToCamera(camera, frames[t][p][j]);
                    int o = t * PkuSkeleton.ValuesPerFrame + p * 75 + j * 3;
                    values[o] = (float)Math.Round(q.X + sigma * noise.Gaussian(), 5);
                    values[o + 1] = (float)Math.Round(q.Y + sigma * noise.Gaussian(), 5);
                    values[o + 2] = (float)Math.Round(q.Z + sigma * noise.Gaussian(), 5);
                }
            }
        }
        return (new PkuSkeleton(values, frames.Count), labels);
    }

    /// <summary>
    /// The idle frames before an instance: usually 10-35 frames at 30 fps (scaled), a short pause of 2-6 frames in 30 % of
    /// cases (neighbouring instances nearly touch) and a long idle stretch of 40-80 frames in 10 %.
    /// </summary>
    private static int Gap(Random rng, double timeScale)
    {
        double u = rng.NextDouble();
        if (u < 0.3) return rng.Next(2, 7);
        double lo = u < 0.4 ? 40 : 10, hi = u < 0.4 ? 80 : 35;
        return Math.Max(2, (int)Math.Round((lo + (hi - lo) * rng.NextDouble()) * timeScale));
    }

    /// <summary>
    /// Unannotated background motion inside an idle gap (half of the gaps of at least 8 frames): a partial, damped
    /// (25-55 %) performance of another one-person class of the set, so that "some motion" is not "an action".
    /// Returns the distractor for <see cref="SyntheticMotion.Perform"/> (frames relative to the segment's start), or null.
    /// </summary>
    private static (int, int, int, double, Variation)? Fidget(Random rng, int gap, int classes, int label)
    {
        if (gap < 8 || rng.NextDouble() >= 0.5) return null;
        var candidates = Enumerable.Range(0, classes).Where(c => c != label && SyntheticActions.Persons(c) == 1 && c is not (13 or 14)).ToArray();
        if (candidates.Length == 0) return null;
        int other = candidates[rng.Next(candidates.Length)];
        int length = Math.Max(4, (int)(gap * (0.5 + 0.4 * rng.NextDouble())));
        int start = rng.Next(0, Math.Max(1, gap - length));
        return (other, start, length, 0.25 + 0.3 * rng.NextDouble(), new Variation(1, Math.Round(1 + 2 * rng.NextDouble()), 6.3 * rng.NextDouble(), 1));
    }

    /// <summary>
    /// Writes skeleton, label and split files under <paramref name="outDir"/> (an existing synthetic set is
    /// replaced atomically, anything else only with <paramref name="force"/>: see <see cref="OutputGuard"/>).
    /// </summary>
    /// <exception cref="OutputConflictException">The folder holds something else and <paramref name="force"/> is false.</exception>
    public SyntheticPkuDescription Write(string outDir, IProgress<int>? progress = null, bool force = false)
    {
        OutputGuard.Folder(outDir, "a synthetic set", SyntheticNtuGenerator.IsSyntheticSet, force);
        string final = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        return AtomicFile.WriteFolder(final, tmp =>
        {
            foreach (string folder in new[] { SkeletonFolder, LabelFolder, SplitFolder }) Directory.CreateDirectory(Path.Combine(tmp, folder));
            int done = 0, instances = 0;
            Parallel.ForEach(Videos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, video =>
            {
                var (skeleton, labels) = Render(video);
                PkuSkeletonFile.Write(Path.Combine(tmp, SkeletonFolder, video.Name + ".txt"), skeleton);
                PkuLabelFile.Write(Path.Combine(tmp, LabelFolder, video.Name + ".txt"), labels);
                Interlocked.Add(ref instances, labels.Count);
                progress?.Report(Interlocked.Increment(ref done));
            });
            string dataset = Config.Part == 1 ? "pku1" : "pku2";
            var names = Videos.Select(v => v.Name).ToArray();
            new PkuSplitFile(Videos.Where(v => !SyntheticPkuConfig.IsTestSubject(v.Subject)).Select(v => v.Name).ToArray(),
                    Videos.Where(v => SyntheticPkuConfig.IsTestSubject(v.Subject)).Select(v => v.Name).ToArray())
                .Write(Path.Combine(tmp, SplitFolder, PkuSplitFile.OfficialFileName(dataset, "xsub")));
            new PkuSplitFile(Videos.Where(v => v.View != "L").Select(v => v.Name).ToArray(), Videos.Where(v => v.View == "L").Select(v => v.Name).ToArray())
                .Write(Path.Combine(tmp, SplitFolder, PkuSplitFile.OfficialFileName(dataset, "xview")));
            var description = new SyntheticPkuDescription(dataset, GeneratorVersion, Config,
                SyntheticActions.Names.Take(Config.Classes).ToArray(), names.Length, instances);
            File.WriteAllText(Path.Combine(tmp, DescriptionFile), JsonSerializer.Serialize(description, SyntheticDescription.JsonOptions));
            return description;
        });
    }
}

/// <summary>One synthetic PKU-MMD video: name, subject, recording sequence and view (L, M or R).</summary>
public sealed record SyntheticPkuVideo(string Name, int Subject, int Sequence, string View);
