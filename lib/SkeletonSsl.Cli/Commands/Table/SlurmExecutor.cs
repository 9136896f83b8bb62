using System.Diagnostics;
using SkeletonSsl.Data;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>
/// <c>table run --executor slurm</c>: works out which pre-training runs the table still needs, writes the array and report
/// scripts (<see cref="SlurmJobs"/>) into OUT/slurm/TABLE (or only into <c>--emit DIR</c>), submits them with sbatch, the report
/// job with <c>--dependency=afterok:ARRAY</c>, and records the job ids in OUT/slurm/TABLE/jobs.json for <c>table status</c>.
/// </summary>
internal static class SlurmExecutor
{
    public static int Submit(string id, Profile profile, int seed, string? dataRoot, string device, string outDir,
                             SlurmSettings settings, string? emit)
    {
        var table = Catalog.Default.Table(id);
        outDir = Path.GetFullPath(outDir);
        if (!OutputGuard.SamePath(outDir, KitPaths.Tables))
            OutputGuard.Folder(outDir, "a tables folder (results/, pretrain/, eval/, slurm/, reports)", d => PaperTables.IsTablesFolder(d, Catalog.Default), force: false, canForce: false);
        var options = new RunnerOptions(profile, seed, device, dataRoot is null ? null : Path.GetFullPath(dataRoot), outDir);
        options.Validate();
        var store = new ResultStore(Path.Combine(outDir, "results"));
        var runs = Runner.PretrainRuns(table, Catalog.Default, store, options);
        var jobs = new SlurmJobs(table.Id, [.. runs.Select(r => r.Hash)], CliCommand(), KitPaths.Root, outDir, options.DataRoot,
                                 profile, seed, device, settings);
        Directory.CreateDirectory(jobs.LogDirectory);
        var scripts = jobs.Write(emit ?? jobs.LogDirectory);
        Console.WriteLine($"{table.Id}: {runs.Count} pre-training run(s) to train, then the report job");
        foreach (var r in runs) Console.WriteLine($"  {r.Hash}  {RunLabel.Of(r, Catalog.Default)}");
        if (emit is not null)
        {
            foreach (var s in scripts) Console.WriteLine($"wrote {s}");
            Console.WriteLine($"submit them with: bash {SlurmJobs.Quote(Path.Combine(Path.GetFullPath(emit), SlurmJobs.SubmitScript))}");
            return 0;
        }
        string dir = jobs.LogDirectory;
        string? array = runs.Count == 0 ? null : Sbatch(Path.Combine(dir, SlurmJobs.ArrayScript));
        string report = array is null
            ? Sbatch(Path.Combine(dir, SlurmJobs.ReportScript))
            : Sbatch(Path.Combine(dir, SlurmJobs.ReportScript), $"--dependency=afterok:{array}", "--kill-on-invalid-dep=yes");
        new SlurmSubmission(table.Id, array, report, jobs.Runs, DateTimeOffset.UtcNow).Save(Path.Combine(dir, SlurmJobs.JobsFile));
        Console.WriteLine(array is null ? $"submitted report job {report}" : $"submitted array job {array} ({runs.Count} task(s)) and report job {report} (afterok:{array})");
        Console.WriteLine($"logs: {dir}\nfollow it with: table status {table.Id} --out {SlurmJobs.Quote(outDir)} --profile {profile.ToString().ToLowerInvariant()} --seed {seed}");
        return 0;
    }

    /// <summary>The running CLI as a command line for a job script: "dotnet DLL" under the dotnet host, else the app host.</summary>
    public static IReadOnlyList<string> CliCommand()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(SlurmExecutor).Assembly.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [Path.GetFullPath(host), Path.GetFullPath(dll)] : [Path.GetFullPath(host)];
    }

    private static string Sbatch(string script, params string[] args)
    {
        var (code, stdout, stderr) = Slurm.Run("sbatch", ["--parsable", .. args, script]);
        if (code != 0) throw new UsageException($"sbatch {script} failed (exit {code}): {CliRun.OneLine(stderr + stdout)}");
        return stdout.Trim().Split(';')[0];
    }
}

/// <summary>Runs a Slurm client command (sbatch, sacct, squeue) and captures its output.</summary>
internal static class Slurm
{
    public static (int Code, string Stdout, string Stderr) Run(string tool, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UsageException($"{tool} not found ({e.Message}): run this on a Slurm login node, or use --emit DIR to write the scripts only");
        }
        using (process)
        {
            var err = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not answer within 2 minutes");
            }
            return (process.ExitCode, output, err.Result);
        }
    }
}
