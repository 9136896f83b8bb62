using SkeletonSsl.Data.Preprocessing;

namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// The one call tests, pre-training, notebooks and the main job use to get synthetic data:
/// <see cref="EnsurePrepared"/> returns a prepared store folder (splits "xsub" and "xview" with parts
/// "train" and "val", as NTU-60), generating the raw NTU-format files and preparing them only when
/// the store is absent, was made with other settings, or fails its content-hash check.
/// Layout under root: <c>synthetic/ntu60-{size}-seed{seed}/</c> (raw) and
/// <c>prepared/synthetic-{size}-{pipeline}-seed{seed}/</c> (store).
/// </summary>
public static class SyntheticSets
{
    private static readonly object Gate = new();

    /// <param name="root">Data root, e.g. "data".</param>
    /// <param name="size">Smoke (~200 clips, under a second or two) or Quick (2,400 clips, seconds).</param>
    /// <param name="pipeline">"aimclr" (50 frames) or "cmd" (300 frames, CMD/PCM3/A2MC).</param>
    /// <returns>The prepared store folder; open it with <see cref="PreparedStore.Open"/>.</returns>
    public static string EnsurePrepared(string root, SyntheticSize size, string pipeline, int seed = 0)
    {
        var pipe = PreparePipeline.Parse(pipeline);
        var config = SyntheticConfig.For(size, seed);
        string tag = size.ToString().ToLowerInvariant();
        string raw = Path.Combine(root, "synthetic", $"ntu60-{tag}-seed{seed}");
        string store = Path.Combine(root, "prepared", $"synthetic-{tag}-{pipe.Name}-seed{seed}");
        lock (Gate)
        {
            Directory.CreateDirectory(root);
            using var fileLock = AcquireLock(Path.Combine(root, $".synthetic-{tag}-seed{seed}.lock"));
            if (IsCurrent(store, config, pipe)) return store;
            var description = SyntheticDescription.TryRead(raw);
            if (description is null || description.Config != config || description.GeneratorVersion != SyntheticNtuGenerator.GeneratorVersion
                || !Directory.Exists(Path.Combine(raw, SyntheticNtuGenerator.SkeletonFolder)))
                new SyntheticNtuGenerator(config).Write(raw);
            NtuPreparer.Prepare("ntu60", raw, pipe, store);
            return store;
        }
    }

    /// <summary>
    /// The synthetic untrimmed PKU-MMD I set prepared for action detection (<see cref="PkuDetectionPreparer"/>: raw
    /// coordinates, frame labels, splits "xsub" and "xview"), generated and prepared only when absent or stale.
    /// Layout under root: <c>synthetic/pku1-{size}-seed{seed}/</c> (raw) and <c>prepared/synthetic-pku1-{size}-detection-seed{seed}/</c>.
    /// </summary>
    public static string EnsurePreparedDetection(string root, SyntheticSize size, int seed = 0)
    {
        var config = SyntheticPkuConfig.For(size, part: 1, seed: seed);
        string tag = size.ToString().ToLowerInvariant();
        string raw = Path.Combine(root, "synthetic", $"pku1-{tag}-seed{seed}");
        string store = Path.Combine(root, "prepared", $"synthetic-pku1-{tag}-{PkuDetectionPreparer.Pipeline}-seed{seed}");
        lock (Gate)
        {
            Directory.CreateDirectory(root);
            using var fileLock = AcquireLock(Path.Combine(root, $".synthetic-pku1-{tag}-seed{seed}.lock"));
            if (IsCurrentDetection(store, config)) return store;
            var description = SyntheticPkuDescription.TryRead(raw);
            if (description is null || description.Config != config || description.GeneratorVersion != SyntheticPkuGenerator.GeneratorVersion
                || !Directory.Exists(Path.Combine(raw, SyntheticPkuGenerator.SkeletonFolder)))
                new SyntheticPkuGenerator(config).Write(raw);
            PkuDetectionPreparer.Prepare("pku1", raw, store);
            return store;
        }
    }

    private static bool IsCurrentDetection(string store, SyntheticPkuConfig config)
    {
        if (!File.Exists(Path.Combine(store, PreparedManifest.FileName))) return false;
        try
        {
            var s = PreparedStore.Open(store);
            var p = s.Manifest.Provenance.Parameters;
            return s.Manifest.Pipeline == PkuDetectionPreparer.Pipeline && s.Manifest.PipelineVersion == PkuDetectionPreparer.Version
                && p.GetValueOrDefault("syntheticGenerator") == SyntheticPkuGenerator.GeneratorVersion
                && p.GetValueOrDefault("syntheticConfig") == config.ToString()
                && s.Verify().Count == 0;
        }
        catch (Exception e) when (e is DataFormatException or IOException)
        {
            return false;
        }
    }

    /// <summary>True when the store exists, was made from this generator version, config and pipeline version, and its hashes check.</summary>
    public static bool IsCurrent(string store, SyntheticConfig config, PreparePipeline pipeline)
    {
        if (!File.Exists(Path.Combine(store, PreparedManifest.FileName))) return false;
        try
        {
            var s = PreparedStore.Open(store);
            var p = s.Manifest.Provenance.Parameters;
            return s.Manifest.Pipeline == pipeline.Name && s.Manifest.PipelineVersion == pipeline.Version
                && p.GetValueOrDefault("syntheticGenerator") == SyntheticNtuGenerator.GeneratorVersion
                && p.GetValueOrDefault("syntheticConfig") == config.ToString()
                && s.Verify().Count == 0;
        }
        catch (Exception e) when (e is DataFormatException or IOException)
        {
            return false;
        }
    }

    /// <summary>A cross-process lock: an exclusively opened file, retried until free.</summary>
    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }
}
