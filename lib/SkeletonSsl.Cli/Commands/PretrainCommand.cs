using System.CommandLine;
using System.Globalization;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Synthetic;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;
using Spectre.Console;
using TorchSharp;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>pretrain</c>: self-supervised pre-training of one stream with a catalog method (SkeletonCLR, AimCLR, PCM3) on one of
/// its encoders, on a prepared store (or the synthetic set: <c>--data synthetic:smoke|quick</c>), into a run folder
/// (<see cref="PretrainRunFolder"/>). Examples:
/// <c>pretrain --method aimclr --data data/prepared/ntu60-aimclr --split xsub --stream joint --profile paper --out runs/aimclr-xsub-joint</c>;
/// <c>pretrain --method skeletonclr --encoder gru --data data/prepared/ntu60-cmd --split xsub --out runs/skeletonclr-gru</c>;
/// <c>pretrain --method pcm3 --encoder gru --data data/prepared/ntu60-cmd --split xsub --out runs/pcm3-xsub-joint</c>
/// </summary>
public sealed class PretrainCommand : ICliCommand
{
    public string Parent => "";

    public Command Build()
    {
        var method = new Option<string>("--method") { Description = $"A method of the catalog: {string.Join(", ", Catalog.Default.Methods.Values.Where(m => m.Default.Pretrains).Select(m => m.Name))}.", Required = true };
        var encoder = new Option<string?>("--encoder") { Description = "The encoder, with the method's preset for it (its pipeline, augmentations, schedule): " +
            string.Join("; ", Catalog.Default.Methods.Values.Where(m => m.Default.Pretrains).Select(m => $"{m.Name}: {string.Join(" or ", m.Encoders)}")) + " (default: the first)." };
        var data = new Option<string>("--data") { Description = "A prepared store folder made with the method's pipeline (data prepare --pipeline aimclr|cmd), or synthetic:smoke / synthetic:quick (generated under data/ when absent).", Required = true };
        var split = new Option<string>("--split") { Description = "The store's split, e.g. xsub, xview, xset.", DefaultValueFactory = _ => "xsub" };
        var stream = new Option<string>("--stream") { Description = "joint, bone or motion.", DefaultValueFactory = _ => "joint" };
        var profile = new Option<string>("--profile") { Description = "smoke, quick or paper (sizes, epochs and schedule).", DefaultValueFactory = _ => "quick" };
        var output = new Option<string>("--out") { Description = "Run folder (config.json, run.json, metrics.csv, checkpoints/, encoder.safetensors); a non-empty folder that is not a run folder is refused.", Required = true };
        var epochs = new Option<int?>("--epochs") { Description = "Override the profile's epoch count (the schedule's steps stay)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its newest checkpoint (a finished run is reported, not touched)." };
        var seed = new Option<long>("--seed") { Description = "Seed of initialisation, data order and augmentations.", DefaultValueFactory = _ => 0 };
        var device = new Option<string?>("--device") { Description = "cpu or cuda (default: cuda when available)." };
        var command = new Command("pretrain", "Self-supervised pre-training (SkeletonCLR, AimCLR; ST-GCN or GRU) of one stream into a run folder.");
        foreach (var o in new Option[] { method, encoder, data, split, stream, profile, output, epochs, resume, seed, device }) command.Options.Add(o);
        command.SetAction(r => CliRun.Guard(() => Run(r.GetValue(method)!, r.GetValue(encoder), r.GetValue(data)!, r.GetValue(split)!, r.GetValue(stream)!,
            r.GetValue(profile)!, r.GetValue(output)!, r.GetValue(epochs), r.GetValue(resume), r.GetValue(seed), r.GetValue(device))));
        return command;
    }

    private static int Run(string method, string? encoder, string data, string split, string stream, string profile, string output,
                           int? epochs, bool resume, long seed, string? device)
    {
        var entry = Catalog.Default.Method(method.Trim().ToLowerInvariant());
        if (!entry.Default.Pretrains) throw new UsageException($"--method {entry.Name}: this baseline has no pre-training (evaluate its random encoder with eval --weights random-init --encoder E)");
        var paper = entry.On(encoder is null ? null : EncoderOptions.Kind(encoder));
        var config = PretrainConfig.Of(paper, Profiles.Parse(profile), ParseStream(stream), seed);
        if (epochs is { } e) config = config.WithEpochs(e);
        config.Validate();
        var dev = ParseDevice(device);
        // Checked again under the run's lock; here so that a folder in the way is refused before the data loads.
        OutputGuard.Folder(output, "a pre-training run", PretrainRunFolder.IsRunFolder, force: false, canForce: false);
        var store = OpenStore(data, config.Method.Pipeline);
        if (store.Manifest.Pipeline != config.Method.Pipeline)
            throw new UsageException($"--data {store.Directory}: prepared with the {store.Manifest.Pipeline} pipeline, but {entry.Display} on {config.Method.Encoder.Kind} " +
                                     $"reads {config.Method.Pipeline} clips (data prepare ... --pipeline {config.Method.Pipeline})");
        using var train = store.Load(split, "train");
        Console.Error.WriteLine($"pretrain {entry.Display} on {Catalog.Default.Encoder(config.Method.Encoder.Kind).Display}, {config.Stream.ToString().ToLowerInvariant()}, on {store.Directory} [{split}/train, {train.Count} clips], " +
                                $"profile {config.Profile.ToString().ToLowerInvariant()}, {config.Training.Epochs} epochs, batch {config.Training.BatchSize}, device {dev.type}");
        if (RunLock.IsHeld(output) == true)
            Console.Error.WriteLine($"{output}: another process is working on this run; waiting for it to finish");
        var result = WithProgress(config.Training.Epochs, progress =>
            Pretraining.Run(config, train, output, progress, resume, dev, $"{store.Directory} {split}/train"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(result.AlreadyFinished ? "already complete (nothing to resume; its record is kept)" : result.Info.Status)}: {result.Info.EpochsDone} epochs in {result.Info.Seconds:F1} s, final loss {result.Info.FinalLoss:F4}, {result.Info.SamplesPerSecond:F1} samples/s; encoder: {result.EncoderPath}"));
        return 0;
    }

    private static PretrainResult WithProgress(int totalEpochs, Func<IProgress<PretrainProgress>, PretrainResult> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
            return work(new EpochLines());
        PretrainResult result = null!;
        AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("pretrain", maxValue: 1.0);
                result = work(new Bar(task));
            });
        return result;
    }

    internal static PreparedStore OpenStore(string data, string pipeline)
    {
        if (data.StartsWith("synthetic:", StringComparison.OrdinalIgnoreCase))
        {
            var size = data["synthetic:".Length..].ToLowerInvariant() switch
            {
                "smoke" => SyntheticSize.Smoke,
                "quick" => SyntheticSize.Quick,
                var s => throw new UsageException($"--data synthetic:{s}: expected synthetic:smoke or synthetic:quick"),
            };
            return PreparedStore.Open(SyntheticSets.EnsurePrepared("data", size, pipeline));
        }
        return PreparedStore.Open(data);
    }

    internal static SkeletonStream ParseStream(string text) => text.Trim().ToLowerInvariant() switch
    {
        "joint" => SkeletonStream.Joint,
        "bone" => SkeletonStream.Bone,
        "motion" => SkeletonStream.Motion,
        _ => throw new UsageException($"--stream {text}: expected joint, bone or motion"),
    };

    internal static torch.Device ParseDevice(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => Kit.DefaultDevice,
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new UsageException("--device cuda: CUDA is not available in this build or on this machine"),
        _ => throw new UsageException($"--device {text}: expected cpu or cuda"),
    };

    /// <summary>One line per finished epoch on stderr (for logs and redirected output).</summary>
    private sealed class EpochLines : IProgress<PretrainProgress>
    {
        public void Report(PretrainProgress p)
        {
            if (p.Step == p.StepsPerEpoch)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {p.Epoch}/{p.Epochs}: loss {p.Loss:F4} (last step), lr {p.LearningRate:G3}, {p.SamplesPerSecond:F1} samples/s"));
        }
    }

    private sealed class Bar(ProgressTask task) : IProgress<PretrainProgress>
    {
        public void Report(PretrainProgress p)
        {
            task.Value = ((p.Epoch - 1) + p.Step / (double)p.StepsPerEpoch) / p.Epochs;
            task.Description = string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch} loss {p.Loss:F3} lr {p.LearningRate:G3} {p.SamplesPerSecond:F0}/s");
        }
    }
}
