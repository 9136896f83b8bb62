using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>bench parse</c>: throughput of the NTU <c>.skeleton</c> reader on one core. Writes NTU-size
/// files (random but plausible values) with <see cref="NtuSkeletonWriter"/> to a temporary folder,
/// reads them back (file read + parse) on one thread and prints one JSON line: wall-clock MB/s and,
/// because a shared machine's wall clock includes waiting for a core, MB per CPU-second too.
/// Target: at least 100 MB/s.
/// </summary>
public sealed class BenchParseCommand : ICliCommand
{
    public string Parent => "bench";

    public Command Build()
    {
        var files = new Option<int>("--files") { Description = "Number of files to write and parse.", DefaultValueFactory = _ => 40 };
        var frames = new Option<int>("--frames") { Description = "Frames per file (NTU clips average about 80, at most 300).", DefaultValueFactory = _ => 100 };
        var bodies = new Option<int>("--bodies") { Description = "Bodies per frame.", DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random values.", DefaultValueFactory = _ => 1 };
        var command = new Command("parse", "Measure .skeleton parsing throughput (MB/s on one core); prints one JSON line.");
        command.Options.Add(files);
        command.Options.Add(frames);
        command.Options.Add(bodies);
        command.Options.Add(seed);
        command.SetAction(r => CliRun.Guard(() => Run(r.GetValue(files), r.GetValue(frames), r.GetValue(bodies), r.GetValue(seed))));
        return command;
    }

    private static int Run(int files, int frames, int bodies, int seed)
    {
        if (files < 1 || frames < 1 || bodies < 0) throw new UsageException("--files and --frames must be at least 1, --bodies at least 0");
        string dir = Directory.CreateTempSubdirectory("skeletonssl-bench-parse-").FullName;
        try
        {
            var rng = new Random(seed);
            var paths = new string[files];
            long bytes = 0;
            for (int i = 0; i < files; i++)
            {
                paths[i] = Path.Combine(dir, $"S001C001P{i % 40 + 1:000}R001A{i % 60 + 1:000}-{i}.skeleton");
                NtuSkeletonWriter.Write(paths[i], PlausibleSequence(rng, frames, bodies), crlf: true);
                bytes += new FileInfo(paths[i]).Length;
            }
            NtuSkeletonReader.Read(paths[0]); // warm-up: JIT
            // Repeat whole passes until at least a second has been measured.
            long checksum = 0;
            int passes = 0;
            var process = Process.GetCurrentProcess();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            do
            {
                foreach (var p in paths) checksum += NtuSkeletonReader.Read(p).FrameCount;
                passes++;
            } while (watch.Elapsed.TotalSeconds < 1.0);
            double seconds = watch.Elapsed.TotalSeconds;
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
            double megabytes = bytes * (double)passes / 1e6;
            if (checksum != (long)frames * files * passes) throw new InvalidOperationException("parsed frame counts differ from those written");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"benchmark\":\"parse\",\"files\":{files},\"frames\":{frames},\"bodies\":{bodies},\"bytes\":{bytes},\"passes\":{passes},\"seconds\":{seconds:F3},\"mb_per_s\":{megabytes / seconds:F1},\"cpu_seconds\":{cpuSeconds:F3},\"mb_per_cpu_s\":{megabytes / cpuSeconds:F1},\"threads\":1}}"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Kinect-like values: metres around 3 m in front of the camera, depth/colour pixel
    /// coordinates, unit-ish quaternions, tracking state 2; body ids as large as the sensor's.</summary>
    private static NtuSkeletonSequence PlausibleSequence(Random rng, int frames, int bodies)
    {
        var ids = Enumerable.Range(0, bodies).Select(_ => 72057594037927936UL + (ulong)rng.Next(1 << 20)).ToArray();
        var result = new NtuFrame[frames];
        for (int f = 0; f < frames; f++)
        {
            var list = new NtuBody[bodies];
            for (int b = 0; b < bodies; b++)
            {
                var j = new float[NtuSkeletonReader.JointCount * NtuBody.ValuesPerJoint];
                for (int k = 0; k < NtuSkeletonReader.JointCount; k++)
                {
                    int o = k * NtuBody.ValuesPerJoint;
                    float x = (float)(rng.NextDouble() - 0.5), y = (float)(rng.NextDouble() * 1.6 - 0.8), z = (float)(2.5 + rng.NextDouble());
                    j[o] = x; j[o + 1] = y; j[o + 2] = z;
                    j[o + 3] = 256 + 360 * x / z; j[o + 4] = 212 - 360 * y / z;   // depth image (512x424)
                    j[o + 5] = 960 + 1060 * x / z; j[o + 6] = 540 - 1060 * y / z; // colour image (1920x1080)
                    for (int q = 7; q < 11; q++) j[o + q] = (float)(rng.NextDouble() * 2 - 1);
                    j[o + 11] = 2;
                }
                // Kinect text carries about 7 significant digits; round so files have NTU's size.
                for (int k = 0; k < j.Length; k++) j[k] = float.Parse(j[k].ToString("G7", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                list[b] = new NtuBody(ids[b], new NtuBodyInfo(0, 1, 1, 1, 1, 0, (float)Math.Round(rng.NextDouble() - 0.5, 7), (float)Math.Round(rng.NextDouble() - 0.5, 7), 2), j);
            }
            result[f] = new NtuFrame(list);
        }
        return new NtuSkeletonSequence(result);
    }
}
