using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Experiments;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Bench;

/// <summary>
/// <c>bench pretrain --method aimclr --batch 16</c>: full pre-training steps (augmentation, every
/// encoder pass, losses, backward, SGD, queue update) on random (B, 3, T, 25, 2) clips with the
/// paper's encoder and queue unless told otherwise, timed after warm-up steps, one dispose scope
/// per step. Prints one JSON line: samples_per_s, step_ms_median, samples per CPU-second (less
/// sensitive to other load on a shared machine) and peak_rss_mb (the process's high-water mark).
/// </summary>
public sealed class BenchPretrainCommand : ICliCommand
{
    public string Parent => "bench";

    public Command Build()
    {
        var method = new Option<string>("--method")
        {
            Description = $"A MoCo-based method of the catalog: {string.Join(", ", Catalog.Default.Methods.Values.Where(m => m.Default is MocoMethodConfig).Select(m => m.Name))}",
            Required = true,
        };
        var batch = new Option<int>("--batch") { Description = "Clips per step", DefaultValueFactory = _ => 16 };
        var frames = new Option<int>("--frames") { Description = "Frames per clip (AimCLR: 50)", DefaultValueFactory = _ => 50 };
        var steps = new Option<int>("--steps") { Description = "Timed steps", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first", DefaultValueFactory = _ => 2 };
        var widths = new Option<string?>("--widths") { Description = "ST-GCN widths: 'c0,h' (e.g. 16,256, the paper's) or all ten block widths" };
        var queue = new Option<int?>("--queue") { Description = "Queue length K (default: the paper's 32768)" };
        var device = new Option<string?>("--device") { Description = "cpu or cuda (default: cuda when available)" };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads (default: TorchSharp's setting)" };
        var command = new Command("pretrain", "Time full pre-training steps (augmentation included) on random clips; prints one JSON line.")
            { method, batch, frames, steps, warmup, widths, queue, device, threads };
        command.SetAction(r => CliRun.Guard(() => Run(r.GetValue(method)!, r.GetValue(batch), r.GetValue(frames), r.GetValue(steps),
            r.GetValue(warmup), r.GetValue(widths), r.GetValue(queue), r.GetValue(device), r.GetValue(threads))));
        return command;
    }

    private static int Run(string methodName, int batch, int frames, int steps, int warmup, string? widths, int? queue, string? deviceName, int? threads)
    {
        if (batch < 1 || frames < 1 || steps < 1 || warmup < 0) throw new UsageException("--batch, --frames and --steps must be at least 1, --warmup at least 0");
        if (threads is { } n) torch.set_num_threads(n);
        var device = PretrainCommand.ParseDevice(deviceName);
        if (Catalog.Default.Method(methodName.Trim().ToLowerInvariant()).Default is not MocoMethodConfig paper)
            throw new UsageException($"--method {methodName}: expected a MoCo-based method ({string.Join(", ", Catalog.Default.Methods.Values.Where(m => m.Default is MocoMethodConfig).Select(m => m.Name))})");
        var config = paper with
        {
            Encoder = ParseWidths(widths) ?? paper.Encoder,
            Moco = paper.Moco with { QueueSize = queue ?? paper.Moco.QueueSize },
            Training = paper.Training with { BatchSize = batch },
        };
        config.Validate();
        torch.manual_seed(0);
        var method = config.Create(SkeletonStream.Joint, new Generator(0));
        method.Module.to(device);
        method.Module.train();
        var lastEpoch = config is AimClrConfig aim ? aim.MiningEpoch + 1 : 1;   // AimCLR's stage 2: the costlier loss, NNM on
        method.OnEpochStart(lastEpoch);
        var parameters = method.TrainableParameters().ToList();
        using var optimizer = optim.SGD(parameters, config.Training.LearningRate, momentum: config.Training.Momentum, weight_decay: config.Training.WeightDecay);
        var generator = new Generator(1);
        using var clips = randn([batch, 3, frames, 25, 2], generator: new Generator(2));
        clips.narrow(4, 1, 1).zero_();                                          // most clips have one body

        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = default;
        for (int i = 0; i < warmup + steps; i++)
        {
            if (i == warmup) { process.Refresh(); cpuStart = process.TotalProcessorTime; }
            var clock = Stopwatch.StartNew();
            using (var scope = NewDisposeScope())
            {
                var x = clips.to(device);
                var context = new StepContext(lastEpoch, i, i, config.Training.LearningRate, device, generator);
                var output = method.Step(new PretrainBatch(x, ValidFrames.Full(batch, frames), new long[batch]), context);   // random clips: every frame valid
                optimizer.zero_grad();
                output.Loss.backward();
                optimizer.step();
                method.AfterOptimizerStep(context);
                _ = output.Loss.item<float>();                                  // waits for the device
            }
            if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        double total = times.Sum() / 1000;
        var sorted = times.Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        var result = new Dictionary<string, object>
        {
            ["benchmark"] = "pretrain",
            ["method"] = config.Name,
            ["batch"] = batch,
            ["frames"] = frames,
            ["widths"] = config.Encoder is StGcnConfig g ? string.Join(",", g.Widths) : config.Encoder.Kind,
            ["queue"] = config.Moco.QueueSize,
            ["steps"] = steps,
            ["samples_per_s"] = Math.Round(batch * steps / total, 2),
            ["step_ms_median"] = Math.Round(median, 1),
            ["step_ms_mean"] = Math.Round(times.Average(), 1),
            ["samples_per_cpu_s"] = Math.Round(batch * steps / Math.Max(cpuSeconds, 1e-9), 2),
            ["peak_rss_mb"] = Math.Round(PeakRssMegabytes(), 1),
            ["device"] = device.type.ToString().ToLowerInvariant(),
            ["threads"] = torch.get_num_threads(),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static StGcnConfig? ParseWidths(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        int[] w;
        try { w = text.Split(',').Select(s => int.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToArray(); }
        catch (FormatException) { throw new UsageException($"--widths {text}: expected comma-separated integers"); }
        return w.Length switch
        {
            2 => StGcnConfig.FromBaseWidth(w[0], w[1]),
            10 => StGcnConfig.AimClr with { Widths = w },
            _ => throw new UsageException($"--widths {text}: expected 'c0,h' or ten block widths"),
        };
    }

    /// <summary>VmHWM from /proc/self/status (Linux); the current working set elsewhere.</summary>
    private static double PeakRssMegabytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
            foreach (var line in File.ReadLines(path))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
    }
}
