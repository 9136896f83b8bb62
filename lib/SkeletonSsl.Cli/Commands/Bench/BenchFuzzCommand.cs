using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using SkeletonSsl.Cli.Fuzz;

namespace SkeletonSsl.Cli.Commands.Bench;

/// <summary>
/// <c>bench fuzz</c>: mutation fuzzing of every reader, in-process. For each format, mutants of valid
/// seed files (<see cref="FuzzTargets"/>) go through the kit's readers with a per-case time limit; the
/// outcomes are counted (ok, rejected with a DataFormatException, crash = any other exception, hang)
/// and printed as one JSON line. Crashes and hangs are listed on stderr and, with <c>--save-failures</c>,
/// written as files to reproduce them. Exits 1 if any case crashed or hung.
/// </summary>
public sealed class BenchFuzzCommand : ICliCommand
{
    public string Parent => "bench";

    public Command Build()
    {
        var format = new Option<string>("--format") { Description = $"{string.Join("|", FuzzTargets.Names)}|all", DefaultValueFactory = _ => "all" };
        var mutations = new Option<int>("--mutations") { Description = "Mutated files per format.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the mutations (same seed, same files).", DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--time-limit-ms") { Description = "Per-case limit; a case still running is counted as a hang.", DefaultValueFactory = _ => 5000 };
        var save = new Option<string?>("--save-failures") { Description = "Folder to write each crashing or hanging input to (created if missing)." };
        var command = new Command("fuzz", "Fuzz the readers with mutated files; prints outcome counts per format as one JSON line.") { format, mutations, seed, limit, save };
        command.SetAction(r => CliRun.Guard(() => Run(r.GetValue(format)!, r.GetValue(mutations), r.GetValue(seed), r.GetValue(limit), r.GetValue(save))));
        return command;
    }

    private static int Run(string format, int mutations, int seed, int limitMs, string? save)
    {
        if (mutations < 1) throw new UsageException("--mutations must be at least 1");
        if (limitMs < 1) throw new UsageException("--time-limit-ms must be at least 1");
        var names = format.Trim().ToLowerInvariant() == "all" ? FuzzTargets.Names : [format.Trim().ToLowerInvariant()];
        string scratch = Directory.CreateTempSubdirectory("skeletonssl-fuzz-").FullName;
        if (save is not null) Directory.CreateDirectory(save);
        int shown = 0;
        void OnFailure(FuzzFailure f)
        {
            if (shown++ < 20) Console.Error.WriteLine($"{f.Outcome.ToString().ToLowerInvariant()}: {f.Format} case {f.Case}: {f.Message}");
            if (save is not null) File.WriteAllBytes(Path.Combine(save, $"{f.Format}-{seed}-{f.Case}.{f.Outcome.ToString().ToLowerInvariant()}"), f.Input);
        }
        try
        {
            var reports = new List<FuzzReport>();
            foreach (string name in names)
            {
                string folder = Directory.CreateDirectory(Path.Combine(scratch, name)).FullName;
                reports.Add(FuzzRunner.Run(FuzzTargets.Create(name, folder), mutations, seed, TimeSpan.FromMilliseconds(limitMs), folder, OnFailure));
            }
            var perFormat = new JsonObject();
            foreach (var r in reports)
                perFormat[r.Format] = new JsonObject
                {
                    ["cases"] = r.Cases, ["ok"] = r.Ok, ["rejected"] = r.Rejected, ["crash"] = r.Crash, ["hang"] = r.Hang,
                    ["seconds"] = Math.Round(r.Seconds, 2),
                };
            var line = new JsonObject
            {
                ["benchmark"] = "fuzz", ["seed"] = seed, ["mutations_per_format"] = mutations, ["time_limit_ms"] = limitMs,
                ["ok"] = reports.Sum(r => r.Ok), ["rejected"] = reports.Sum(r => r.Rejected),
                ["crash"] = reports.Sum(r => r.Crash), ["hang"] = reports.Sum(r => r.Hang),
                ["seconds"] = Math.Round(reports.Sum(r => r.Seconds), 2),
                ["formats"] = perFormat,
            };
            Console.WriteLine(line.ToJsonString());
            return reports.All(r => r.Clean) ? 0 : 1;
        }
        finally
        {
            // A hung case may still hold a file here; what cannot be removed now is left to the OS's temp cleaning.
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
