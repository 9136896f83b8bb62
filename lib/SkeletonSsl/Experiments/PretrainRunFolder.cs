using SkeletonSsl.Data.Formats;
using SkeletonSsl.Encoders;
using SkeletonSsl.Training;
using SkeletonSsl.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The run-folder contract that evaluation, tables and notebooks read:
/// <list type="bullet">
/// <item><c>config.json</c>: the <see cref="PretrainConfig"/> (snake_case JSON).</item>
/// <item><c>run.json</c>: <see cref="PretrainRunInfo"/> (status, config hash, device, versions, data, timings).</item>
/// <item><c>metrics.csv</c>: one row per epoch: epoch, lr, loss, the method's terms, samples_per_s, seconds.</item>
/// <item><c>checkpoints/epoch-NNNN.ckpt</c>: resumable state (model, optimiser, queue, epoch, random states).</item>
/// <item><c>encoder.safetensors</c>: the final query encoder (reference key names, MLP head as <c>fc.0</c>/<c>fc.2</c>),
/// written when the last epoch ends.</item>
/// <item><c>run.lock</c>: held by the process working on the run (<see cref="RunLock"/>).</item>
/// </list>
/// Files are written atomically ("&lt;name&gt;.tmp-&lt;pid&gt;", then a rename); what a killed process left
/// is removed when the next one takes the lock (<see cref="RemoveLeftovers"/>).
/// </summary>
public static class PretrainRunFolder
{
    public const string ConfigFile = "config.json";
    public const string InfoFile = "run.json";
    public const string EncoderFile = "encoder.safetensors";

    public static PretrainConfig ReadConfig(string runDirectory)
    {
        var path = Path.Combine(runDirectory, ConfigFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not a pre-training run folder (no {ConfigFile})", path);
        return ConfigJson.Deserialize<PretrainConfig>(File.ReadAllText(path), path);
    }

    /// <summary>
    /// run.json as it stands, except that a "running" run nobody is running any more (its lock is free, or,
    /// for a folder without a lock file, its process has ended) is reported as
    /// <see cref="PretrainRunInfo.Interrupted"/>: the process was killed or crashed before it could say so.
    /// </summary>
    public static PretrainRunInfo ReadInfo(string runDirectory)
    {
        var path = Path.Combine(runDirectory, InfoFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no {InfoFile} in the run folder", path);
        var info = ConfigJson.Deserialize<PretrainRunInfo>(File.ReadAllText(path), path);
        if (info.Status != PretrainRunInfo.Running) return info;
        bool gone = RunLock.IsHeld(runDirectory) switch
        {
            false => true,
            true => false,
            null => info.Pid > 0 && !AtomicFile.IsRunning(info.Pid),
        };
        return gone
            ? info with
            {
                Status = PretrainRunInfo.Interrupted,
                Reason = $"the process that ran it (pid {info.Pid}) ended after {info.EpochsDone} epoch(s) without finishing; continue it with --resume",
            }
            : info;
    }

    /// <summary>
    /// Whether a folder can be a run folder: it holds a run (config.json), or nothing but the files a run
    /// writes. The check before training into a folder the user named, so that nothing of theirs is touched.
    /// </summary>
    public static bool IsRunFolder(string runDirectory)
    {
        if (File.Exists(Path.Combine(runDirectory, ConfigFile))) return true;
        string[] own = [ConfigFile, InfoFile, EncoderFile, MetricsLog.FileName, Trainer.CheckpointFolder, RunLock.FileName];
        return Directory.EnumerateFileSystemEntries(runDirectory).Select(Path.GetFileName).All(name =>
            own.Contains(name) || (AtomicFile.TryParseLeftover(name!, out var target, out _, out _) && own.Contains(target)));
    }

    /// <summary>
    /// Removes the temporary files (partial checkpoints, half-written run.json, metrics.csv or encoder) that
    /// processes killed while writing them left in the run folder and its checkpoints folder. Call it holding
    /// the run's lock; a live writer's files are never touched. Returns how many were removed.
    /// </summary>
    public static int RemoveLeftovers(string runDirectory) =>
        AtomicFile.RemoveStale(runDirectory) + AtomicFile.RemoveStale(Path.Combine(runDirectory, Trainer.CheckpointFolder));

    /// <summary>
    /// The trained query encoder of a finished run, in eval mode on <paramref name="device"/> (CPU
    /// by default), with its pre-training projection head; replace it with SetHead for evaluation.
    /// </summary>
    public static SkeletonEncoder LoadEncoder(string runDirectory, Device? device = null)
    {
        var config = ReadConfig(runDirectory);
        var path = Path.Combine(runDirectory, EncoderFile);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: the run has no final encoder yet (status: {TryStatus(runDirectory)}); finish it with --resume", path);
        var encoder = config.Method.TrainedEncoder.Build();
        StateDictLoader.LoadFile(encoder, path);
        encoder.eval();
        return device is null ? encoder : encoder.to(device);
    }

    internal static void WriteInfo(string runDirectory, PretrainRunInfo info) =>
        ConfigJson.Write(Path.Combine(runDirectory, InfoFile), info);

    /// <summary>
    /// Records how a run stopped, on a disk that may be full: atomically when there is room for the temporary
    /// file, otherwise over the old run.json in place (a record of a few hundred bytes rewrites the block it
    /// already has). Never throws: the failure being recorded is the one to report.
    /// </summary>
    internal static void WriteStop(string runDirectory, PretrainRunInfo info)
    {
        var path = Path.Combine(runDirectory, InfoFile);
        try
        {
            WriteInfo(runDirectory, info);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(ConfigJson.Serialize(info));
                using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);
                stream.Write(bytes);
                stream.SetLength(bytes.Length);
            }
            catch (Exception inner) when (inner is IOException or UnauthorizedAccessException) { }
        }
    }

    private static string TryStatus(string runDirectory)
    {
        try { return ReadInfo(runDirectory).Status; }
        catch (Exception e) when (e is FileNotFoundException or ArgumentException) { return "unknown"; }
    }
}
