using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.StGcn;
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
/// </list>
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

    public static PretrainRunInfo ReadInfo(string runDirectory)
    {
        var path = Path.Combine(runDirectory, InfoFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no {InfoFile} in the run folder", path);
        return ConfigJson.Deserialize<PretrainRunInfo>(File.ReadAllText(path), path);
    }

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
        var encoder = new StGcnEncoder(config.EncoderWithHead);
        StateDictLoader.LoadFile(encoder, path);
        encoder.eval();
        return device is null ? encoder : encoder.to(device);
    }

    internal static void WriteInfo(string runDirectory, PretrainRunInfo info) =>
        ConfigJson.Write(Path.Combine(runDirectory, InfoFile), info);

    private static string TryStatus(string runDirectory)
    {
        try { return ReadInfo(runDirectory).Status; }
        catch (Exception e) when (e is FileNotFoundException or ArgumentException) { return "unknown"; }
    }
}
