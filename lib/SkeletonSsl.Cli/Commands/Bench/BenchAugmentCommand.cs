using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using SkeletonSsl.Augmentations;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Cli.Commands.Bench;

/// <summary>
/// <c>bench augment --preset NAME --batch B</c>: throughput of an augmentation preset on random
/// (B, 3, T, 25, 2) clips, one dispose scope per batch, printed as one JSON line with clips_per_s.
/// T defaults to the clip length the preset is fed in training: 50 for AimCLR, 64 for PCM3's
/// mixing, 300 (raw, zero-padded clips) for the CMD-family crop-resize presets. Besides wall-clock
/// clips/s it reports clips per second of process CPU time, which is less sensitive to other load.
/// </summary>
public sealed class BenchAugmentCommand : ICliCommand
{
    public string Parent => "bench";

    public Command Build()
    {
        var preset = new Option<string>("--preset") { Description = $"Preset: {string.Join(", ", AugmentationPresets.Names)}", DefaultValueFactory = _ => "aimclr-extreme" };
        var batch = new Option<int>("--batch") { Description = "Clips per batch", DefaultValueFactory = _ => 128 };
        var frames = new Option<int?>("--frames") { Description = "Frames per input clip (default: the preset's usual input length)" };
        var seconds = new Option<double>("--seconds") { Description = "Minimum measuring time", DefaultValueFactory = _ => 3.0 };
        var seed = new Option<long>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 0 };
        var step = new Option<string?>("--step") { Description = "Time only this step of the preset's chain (by name, e.g. gaussian-blur)" };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads (default: TorchSharp's setting)" };
        var command = new Command("augment", "Clips per second of an augmentation preset on random clips.") { preset, batch, frames, seconds, seed, step, threads };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            if (parse.GetValue(threads) is int n)
            {
                if (n < 1) throw new UsageException($"--threads must be at least 1, got {n}");
                set_num_threads(n);
            }
            return Run(parse.GetValue(preset)!, parse.GetValue(batch), parse.GetValue(frames), parse.GetValue(seconds), parse.GetValue(seed), parse.GetValue(step));
        }));
        return command;
    }

    private static int Run(string presetName, int batch, int? frames, double seconds, long seed, string? stepName)
    {
        if (batch < 3) throw new UsageException($"--batch must be at least 3, got {batch}");
        var preset = AugmentationPresets.Create(presetName);
        if (stepName is not null)
        {
            var steps = preset is Compose c ? c.Steps : [preset];
            preset = steps.FirstOrDefault(s => s.Name == stepName)
                ?? throw new UsageException($"preset '{presetName}' has no step '{stepName}'; its steps: {string.Join(", ", steps.Select(s => s.Name))}");
        }
        long t = frames ?? (presetName.StartsWith("aimclr") ? 50 : presetName == "pcm3-inter" ? 64 : 300);
        var g = new Generator((ulong)seed);
        using var x = randn(new[] { batch, 3L, t, 25, 2 }, generator: new Generator((ulong)seed + 1), device: Kit.DefaultDevice);
        var clips = ClipBatch.Full(x);                                           // random clips: every frame valid
        for (int i = 0; i < 3; i++)
        {
            using var warm = NewDisposeScope();
            preset.Apply(clips, g);
        }
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long iterations = 0;
        while (clock.Elapsed.TotalSeconds < seconds || iterations < 5)
        {
            using var step = NewDisposeScope();
            var y = preset.Apply(clips, g).X;
            if (y.device.type == DeviceType.CUDA) cuda.synchronize();
            iterations++;
        }
        double elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            bench = "augment",
            preset = presetName,
            step = stepName,
            batch,
            frames = t,
            device = x.device.type.ToString().ToLowerInvariant(),
            threads = get_num_threads(),
            iterations,
            seconds = Math.Round(elapsed, 3),
            clips_per_s = Math.Round(iterations * batch / elapsed, 1),
            cpu_seconds = Math.Round(cpuSeconds, 3),
            clips_per_cpu_s = Math.Round(iterations * batch / cpuSeconds, 1),
        }));
        return 0;
    }
}
