using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SkeletonSsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>bench encoder</c>: samples per second of one training step (forward, backward, SGD with
/// momentum 0.9 and weight decay 1e-4) of an encoder with its projection head, at the spec's clip
/// size (ST-GCN: 3×50×25×2 as AimCLR; GRU: 64 frames as CMD/PCM3), with the process's peak memory
/// (peak resident set). <c>tools/bench/side_by_side.py --model gru</c> runs it interleaved with PyTorch's step.
/// Prints one JSON line; on a shared machine, <c>samples_per_cpu_s</c> (per CPU-second of this
/// process) is the figure that does not depend on waiting for a core. Reference on a 2-core CPU with PyTorch: full ST-GCN about 9-10 samples/s
/// at batch 16; for the GRU see the README's benchmark table.
/// </summary>
public sealed class BenchEncoderCommand : ICliCommand
{
    public string Parent => "bench";

    public Command Build()
    {
        var options = new EncoderOptions();
        var batch = new Option<int>("--batch") { Description = "Clips per step.", DefaultValueFactory = _ => 16 };
        var steps = new Option<int>("--steps") { Description = "Measured steps (after one warm-up step).", DefaultValueFactory = _ => 5 };
        var frames = new Option<int?>("--frames") { Description = "Frames per clip (default 50 for stgcn, 64 for gru)." };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured steps first.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads (default: TorchSharp's setting)." };
        var command = new Command("encoder", "Training-step throughput of an encoder (samples/s, peak memory); prints one JSON line.");
        options.AddTo(command);
        command.Options.Add(batch);
        command.Options.Add(steps);
        command.Options.Add(frames);
        command.Options.Add(warmup);
        command.Options.Add(threads);
        command.SetAction(r => CliRun.Guard(() => Run(options, r, r.GetValue(batch), r.GetValue(steps), r.GetValue(frames), r.GetValue(warmup), r.GetValue(threads))));
        return command;
    }

    private static int Run(EncoderOptions options, ParseResult r, int batch, int steps, int? frames, int warmup, int? threads)
    {
        if (batch < 1 || steps < 1) throw new UsageException("--batch and --steps must be at least 1");
        if (warmup < 0) throw new UsageException("--warmup must be at least 0");
        if (threads is { } n)
        {
            if (n < 1) throw new UsageException("--threads must be at least 1");
            set_num_threads(n);
        }
        string kind = EncoderOptions.Kind(r.GetValue(options.Encoder)!);
        int t = frames ?? (kind == "stgcn" ? 50 : 64);
        if (t < 1) throw new UsageException("--frames must be at least 1");
        var device = Kit.DefaultDevice;
        var generator = new Generator(0);
        using var encoder = options.Create(r, generator);
        encoder.to(device);
        encoder.train();
        long parameters = encoder.parameters().Sum(p => p.numel());
        using var optimizer = optim.SGD(encoder.parameters(), 0.1, momentum: 0.9, weight_decay: 1e-4);
        using var x = randn(new long[] { batch, 3, t, 25, 2 }, generator: generator).to(device);

        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var z = encoder.forward(x);
            var loss = z.square().mean();
            loss.backward();
            optimizer.step();
            _ = loss.item<float>(); // waits for the device
        }

        for (int i = 0; i < warmup; i++) Step(); // allocations, JIT
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var stepMs = new double[steps];
        for (int i = 0; i < steps; i++)
        {
            var before = watch.Elapsed.TotalMilliseconds;
            Step();
            stepMs[i] = watch.Elapsed.TotalMilliseconds - before;
        }
        double seconds = watch.Elapsed.TotalSeconds;
        Array.Sort(stepMs);
        double median = steps % 2 == 1 ? stepMs[steps / 2] : (stepMs[steps / 2 - 1] + stepMs[steps / 2]) / 2;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        string config = kind == "stgcn" ? $"widths {string.Join(',', options.StGcn(r).Widths)}" : $"hidden {options.Gru(r).Hidden}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\":\"encoder\",\"encoder\":\"{kind}\",\"config\":\"{config}\",\"parameters\":{parameters},\"batch\":{batch},\"frames\":{t},\"steps\":{steps},\"device\":\"{device.type}\",\"threads\":{get_num_threads()},\"seconds\":{seconds:F3},\"step_ms\":{1000 * seconds / steps:F1},\"step_ms_median\":{median:F1},\"samples_per_s\":{batch * steps / seconds:F2},\"cpu_seconds\":{cpu:F3},\"samples_per_cpu_s\":{batch * steps / cpu:F2},\"peak_rss_mb\":{process.PeakWorkingSet64 / 1048576.0:F0}}}"));
        return 0;
    }
}
