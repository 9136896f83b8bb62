using System.Diagnostics;
using SkeletonSsl.Data;
using SkeletonSsl.Training;
using SkeletonSsl.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The one entry point for pre-training that the CLI, notebooks and the table runner share:
/// builds the method from a <see cref="PretrainConfig"/>, trains it on a dataset's clips with the
/// shared <see cref="Trainer"/>, and fills a run folder as <see cref="PretrainRunFolder"/> describes.
/// </summary>
public static class Pretraining
{
    /// <param name="train">The training part (its clips; labels are not used).</param>
    /// <param name="runDirectory">Created if absent. A folder that already holds a run needs <paramref name="resume"/>.</param>
    /// <param name="progress">Per-step reports (the CLI draws a bar; notebooks show a line).</param>
    /// <param name="resume">Continue after the newest checkpoint; the config may only differ in its epoch count.</param>
    /// <param name="device">CUDA when available, else CPU, unless given.</param>
    /// <param name="dataDescription">Recorded in run.json (e.g. the prepared store and split).</param>
    public static PretrainResult Run(PretrainConfig config, SkeletonDataset train, string runDirectory,
                                     IProgress<PretrainProgress>? progress = null, bool resume = false, Device? device = null,
                                     string dataDescription = "", CancellationToken cancellation = default)
    {
        config.Validate();
        device ??= Kit.DefaultDevice;
        Directory.CreateDirectory(runDirectory);
        CheckFolder(config, runDirectory, resume);
        ConfigJson.Write(Path.Combine(runDirectory, PretrainRunFolder.ConfigFile), config);

        var hash = ConfigJson.Hash(config with { Training = config.Training with { Epochs = 0 } });   // resumable with more epochs
        var info = new PretrainRunInfo
        {
            Method = config.Method, ConfigHash = ConfigJson.Hash(config), Seed = config.Seed, Profile = config.Profile.ToString().ToLowerInvariant(),
            Stream = config.Stream.ToString().ToLowerInvariant(), Device = device.ToString(),
            TorchSharp = typeof(torch).Assembly.GetName().Version?.ToString() ?? "", Data = dataDescription, Clips = train.Count,
            Epochs = config.Training.Epochs, Started = DateTimeOffset.UtcNow,
        };
        PretrainRunFolder.WriteInfo(runDirectory, info);

        var method = PretrainMethods.Create(config);
        method.Module.to(device);
        var generator = new Generator((ulong)config.Seed + 1);                  // data order and augmentation draws
        var trainer = new Trainer(method, config.Training, device, runDirectory, generator, hash);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<EpochMetrics> epochs;
        try
        {
            epochs = trainer.Run(train.Data, resume, progress, cancellation);
        }
        catch (Exception e) when (e is NonFiniteLossException or OperationCanceledException)
        {
            PretrainRunFolder.WriteInfo(runDirectory, info with
            {
                Status = e is NonFiniteLossException ? "stopped: non-finite loss" : "stopped: cancelled",
                Seconds = clock.Elapsed.TotalSeconds, Finished = DateTimeOffset.UtcNow,
            });
            throw;
        }

        var encoderPath = Path.Combine(runDirectory, PretrainRunFolder.EncoderFile);
        SafeTensors.Save(method.Encoder, encoderPath, new Dictionary<string, string>
        {
            ["method"] = config.Method, ["config_hash"] = info.ConfigHash, ["epochs"] = config.Training.Epochs.ToString(),
        });
        var last = epochs.Count > 0 ? epochs[^1] : null;
        info = info with
        {
            Status = "complete", EpochsDone = config.Training.Epochs, FinalLoss = last?.Loss, SamplesPerSecond = last?.SamplesPerSecond,
            Seconds = clock.Elapsed.TotalSeconds, Finished = DateTimeOffset.UtcNow,
        };
        PretrainRunFolder.WriteInfo(runDirectory, info);
        return new PretrainResult(runDirectory, encoderPath, info, epochs);
    }

    private static void CheckFolder(PretrainConfig config, string runDirectory, bool resume)
    {
        var configPath = Path.Combine(runDirectory, PretrainRunFolder.ConfigFile);
        if (!File.Exists(configPath)) return;
        if (!resume)
        {
            if (PretrainCheckpoint.Latest(Path.Combine(runDirectory, Trainer.CheckpointFolder)) is not null || File.Exists(Path.Combine(runDirectory, PretrainRunFolder.EncoderFile)))
                throw new ArgumentException($"{runDirectory} already holds a pre-training run: resume it or choose another folder");
            return;
        }
        var previous = PretrainRunFolder.ReadConfig(runDirectory);
        var sameApartFromEpochs = previous with { Training = previous.Training with { Epochs = config.Training.Epochs } };
        if (ConfigJson.Hash(sameApartFromEpochs) != ConfigJson.Hash(config))
            throw new ArgumentException($"{configPath} differs from the requested settings in more than the epoch count: resume needs the same config");
    }
}
