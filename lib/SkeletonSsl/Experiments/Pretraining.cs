using System.Diagnostics;
using SkeletonSsl.Data;
using SkeletonSsl.Training;
using SkeletonSsl.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The one entry point for pre-training that the CLI, notebooks and the table runner share:
/// builds the method from a <see cref="PretrainConfig"/> (<see cref="MethodConfig.Create"/>), trains it on a
/// dataset's clips with the shared <see cref="Trainer"/>, and fills a run folder as <see cref="PretrainRunFolder"/>
/// describes. Tables call it with a spec and an <see cref="ExperimentContext"/>, which reuses a finished run
/// and resumes an interrupted one.
/// </summary>
public static class Pretraining
{
    /// <summary>
    /// The run of <paramref name="spec"/> under the context's profile and seed, in its folder
    /// (<see cref="ExperimentContext.PretrainDirectory"/>): reused when finished with the same config, resumed from its
    /// newest checkpoint when interrupted, trained otherwise. Holds the run's lock from the check to the end, so of
    /// two table runs needing the same run (two processes or two threads) one trains it and the other reuses it.
    /// A method without pre-training (<see cref="MethodConfig.Pretrains"/> false) gives its seeded random encoder.
    /// </summary>
    public static PretrainRun Run(ExperimentContext context, PretrainSpec spec, IProgress<PretrainProgress>? progress = null,
                                  CancellationToken cancellation = default)
    {
        var dir = context.PretrainDirectory(spec);
        if (!spec.Method.Pretrains)
        {
            var encoder = spec.Method.For(context.Profile).TrainedEncoder;
            return new PretrainRun(spec, dir, null, [], device =>
            {
                using var generator = new Generator((ulong)context.Seed);
                var e = encoder.Build(generator);
                e.to(device);
                return e;
            });
        }
        var config = PretrainConfig.Of(spec.Method, context.Profile, spec.Stream, context.Seed);
        Directory.CreateDirectory(dir);
        OutputGuard.Folder(dir, "a pre-training run", PretrainRunFolder.IsRunFolder, force: false, canForce: false);
        using var runLock = RunLock.Acquire(dir, context.Log, cancellation);
        IReadOnlyList<double> losses;
        var encoderPath = Path.Combine(dir, PretrainRunFolder.EncoderFile);
        var finished = File.Exists(encoderPath) && File.Exists(Path.Combine(dir, PretrainRunFolder.ConfigFile))
                       && ConfigJson.Hash(PretrainRunFolder.ReadConfig(dir)) == ConfigJson.Hash(config);
        if (finished)
        {
            context.Log?.Invoke($"  reusing the finished run {dir}");
            losses = MetricsLog.ReadLosses(dir);
        }
        else
        {
            var (train, _) = context.Load(spec.Dataset, spec.Split, config.Method.Pipeline);
            var resume = PretrainCheckpoint.Latest(Path.Combine(dir, Trainer.CheckpointFolder)) is not null;
            context.Log?.Invoke(resume ? $"  resuming {dir}" : $"  training {config.Training.Epochs} epochs on {train.Count} clips -> {dir}");
            var result = RunLocked(config, train, dir, progress, resume, context.Device, context.DescribeData(spec.Dataset, spec.Split), cancellation);
            // A resumed run's curve includes the epochs trained before this call, which only its log holds.
            losses = resume ? MetricsLog.ReadLosses(dir) : [.. result.Epochs.Select(e => e.Loss)];
        }
        return new PretrainRun(spec, dir, encoderPath, losses, device => PretrainRunFolder.LoadEncoder(dir, device));
    }

    /// <param name="train">The training part (its clips; labels are not used).</param>
    /// <param name="runDirectory">Created if absent. A folder that already holds a run needs <paramref name="resume"/>;
    /// a non-empty folder that is not a run folder is refused (<see cref="OutputConflictException"/>).</param>
    /// <param name="progress">Per-step reports (the CLI draws a bar; notebooks show a line).</param>
    /// <param name="resume">Continue after the newest checkpoint; the config may only differ in its epoch count.
    /// A run that already finished its epochs is not touched: its record is returned with
    /// <see cref="PretrainResult.AlreadyFinished"/> set.</param>
    /// <param name="device">CUDA when available, else CPU, unless given.</param>
    /// <param name="dataDescription">Recorded in run.json (e.g. the prepared store and split).</param>
    /// <remarks>
    /// The run's lock (<see cref="RunLock"/>) is held throughout; a second caller for the same folder waits
    /// for the first. run.json is rewritten after every epoch and on every kind of stop (non-finite loss,
    /// cancellation, any failure such as a full disk, with its reason); a killed run reads as interrupted.
    /// </remarks>
    public static PretrainResult Run(PretrainConfig config, SkeletonDataset train, string runDirectory,
                                     IProgress<PretrainProgress>? progress = null, bool resume = false, Device? device = null,
                                     string dataDescription = "", CancellationToken cancellation = default)
    {
        config.Validate();
        // Before the lock, which would leave its file behind: a folder of the user's is refused untouched.
        OutputGuard.Folder(runDirectory, "a pre-training run", PretrainRunFolder.IsRunFolder, force: false, canForce: false);
        using var runLock = RunLock.Acquire(runDirectory, null, cancellation);
        return RunLocked(config, train, runDirectory, progress, resume, device, dataDescription, cancellation);
    }

    /// <summary><see cref="Run"/> for a caller that holds the run's lock already.</summary>
    private static PretrainResult RunLocked(PretrainConfig config, SkeletonDataset train, string runDirectory,
                                             IProgress<PretrainProgress>? progress, bool resume, Device? device,
                                             string dataDescription, CancellationToken cancellation)
    {
        config.Validate();
        device ??= Devices.Default;
        Directory.CreateDirectory(runDirectory);
        OutputGuard.Folder(runDirectory, "a pre-training run", PretrainRunFolder.IsRunFolder, force: false, canForce: false);
        CheckFolder(config, runDirectory, resume);
        PretrainRunFolder.RemoveLeftovers(runDirectory);
        if (resume && Finished(config, runDirectory) is { } finished) return finished;
        var previous = TryReadInfo(runDirectory);
        ConfigJson.Write(Path.Combine(runDirectory, PretrainRunFolder.ConfigFile), config);

        var hash = ConfigJson.Hash(config.WithEpochs(0));                       // resumable with more epochs
        var info = new PretrainRunInfo
        {
            Pid = Environment.ProcessId,
            Method = config.Method.Name, ConfigHash = ConfigJson.Hash(config), Seed = config.Seed, Profile = config.Profile.ToString().ToLowerInvariant(),
            Stream = config.Stream.ToString().ToLowerInvariant(), Device = device.ToString(),
            TorchSharp = typeof(torch).Assembly.GetName().Version?.ToString() ?? "", Data = dataDescription, Clips = train.Count,
            Epochs = config.Training.Epochs, Started = resume && previous is not null ? previous.Started : DateTimeOffset.UtcNow,
            // A resumed run starts from its newest checkpoint: that many epochs are done before this call trains any.
            EpochsDone = resume ? CheckpointedEpochs(runDirectory) : 0,
            FinalLoss = resume ? previous?.FinalLoss : null, SamplesPerSecond = resume ? previous?.SamplesPerSecond : null,
        };
        PretrainRunFolder.WriteInfo(runDirectory, info);

        // torch's global generator: encoder initialisation and dropout; the queue's initial keys: their own generator.
        torch.manual_seed(config.Seed);
        var method = config.Method.Create(config.Stream, new Generator((ulong)config.Seed));
        method.Module.to(device);
        var generator = new Generator((ulong)config.Seed + 1);                  // data order and augmentation draws
        var trainer = new Trainer(method, config.Training, device, runDirectory, generator, hash);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<EpochMetrics> epochs;
        var encoderPath = Path.Combine(runDirectory, PretrainRunFolder.EncoderFile);
        try
        {
            // After each epoch run.json says how far the run got, so a kill loses no more than the epoch in flight.
            epochs = trainer.Run(train.Data, train.Frames, resume, progress, cancellation, row => PretrainRunFolder.WriteInfo(runDirectory, info = info with
            {
                EpochsDone = row.Epoch, FinalLoss = row.Loss, SamplesPerSecond = row.SamplesPerSecond, Seconds = clock.Elapsed.TotalSeconds,
            }));
            SafeTensors.Save(method.Encoder, encoderPath, new Dictionary<string, string>
            {
                ["method"] = config.Method.Name, ["config_hash"] = info.ConfigHash, ["epochs"] = config.Training.Epochs.ToString(),
            });
        }
        catch (Exception e)
        {
            var (status, epochsDone) = e switch
            {
                NonFiniteLossException n => ("stopped: non-finite loss", n.EpochsDone),
                OperationCanceledException => ("stopped: cancelled", trainer.EpochsDone),
                _ => (PretrainRunInfo.Failed, trainer.EpochsDone),
            };
            PretrainRunFolder.WriteStop(runDirectory, info with
            {
                Status = status, Reason = OneLine(e.Message), EpochsDone = epochsDone,
                Seconds = clock.Elapsed.TotalSeconds, Finished = DateTimeOffset.UtcNow,
            });
            throw;
        }

        var last = epochs.Count > 0 ? epochs[^1] : null;
        info = info with
        {
            Status = PretrainRunInfo.Complete, Reason = null, EpochsDone = config.Training.Epochs,
            FinalLoss = last?.Loss ?? info.FinalLoss, SamplesPerSecond = last?.SamplesPerSecond ?? info.SamplesPerSecond,
            Seconds = clock.Elapsed.TotalSeconds, Finished = DateTimeOffset.UtcNow,
        };
        PretrainRunFolder.WriteInfo(runDirectory, info);
        return new PretrainResult(runDirectory, encoderPath, info, epochs);
    }

    /// <summary>
    /// The stored result of a run that already finished at least the requested epochs with the same
    /// settings, or null. Nothing in the folder is rewritten: its record is the truth about that run.
    /// </summary>
    private static PretrainResult? Finished(PretrainConfig config, string runDirectory)
    {
        var encoderPath = Path.Combine(runDirectory, PretrainRunFolder.EncoderFile);
        if (TryReadInfo(runDirectory) is not { Status: PretrainRunInfo.Complete } info || !File.Exists(encoderPath)) return null;
        if (info.EpochsDone < config.Training.Epochs) return null;
        return new PretrainResult(runDirectory, encoderPath, info, [], AlreadyFinished: true);
    }

    private static int CheckpointedEpochs(string runDirectory) =>
        PretrainCheckpoint.Latest(Path.Combine(runDirectory, Trainer.CheckpointFolder)) is { } latest ? PretrainCheckpoint.ReadInfo(latest).Epoch : 0;

    private static PretrainRunInfo? TryReadInfo(string runDirectory)
    {
        if (!File.Exists(Path.Combine(runDirectory, PretrainRunFolder.InfoFile))) return null;
        try { return PretrainRunFolder.ReadInfo(runDirectory); }
        catch (ArgumentException) { return null; }                // a damaged record is rewritten by this run
    }

    private static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

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
        var sameApartFromEpochs = previous.WithEpochs(config.Training.Epochs);
        if (ConfigJson.Hash(sameApartFromEpochs) != ConfigJson.Hash(config))
            throw new ArgumentException($"{configPath} differs from the requested settings in more than the epoch count: resume needs the same config");
    }
}
