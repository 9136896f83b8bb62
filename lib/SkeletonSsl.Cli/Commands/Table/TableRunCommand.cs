using System.CommandLine;
using SkeletonSsl.Experiments;
using Spectre.Console;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>
/// <c>table run NAME [--profile smoke|quick|paper] [--data-root DIR] [--device cpu|cuda] [--out DIR] [--seed S]
/// [--executor local|slurm [--partition P] [--gres G] [--time T] [--account A] [--cpus-per-task N] [--emit DIR]]</c>:
/// locally (the default) runs the experiments a paper table needs (reusing stored results), then writes NAME.md, NAME.csv
/// and NAME.html under the output folder and prints the comparison. On a terminal a live display shows the table's
/// progress (experiments k of n, the run in flight, an estimate of the time left); redirected, one line per milestone.
/// With <c>--executor slurm</c> it submits the table to a Slurm cluster instead (<see cref="SlurmJobs"/>): a job array of
/// its missing pre-training runs and a dependent report job; <c>--emit DIR</c> only writes the scripts.
/// </summary>
public sealed class TableRunCommand : ICliCommand
{
    public string Parent => "table";

    public Command Build()
    {
        var name = TableOptions.Name();
        var profile = TableOptions.Profile();
        var seed = TableOptions.Seed();
        var dataRoot = TableOptions.DataRoot();
        var device = new Option<string?>("--device")
        {
            Description = "cpu or cuda (default: cuda when available; with --executor slurm, cuda when --gres asks for a GPU, else cpu).",
        };
        var output = TableOptions.Out();
        var executor = new Option<string>("--executor")
        {
            Description = "local (run here) or slurm (submit a job array of the pre-training runs and a dependent report job).",
            DefaultValueFactory = _ => "local",
        };
        var partition = new Option<string?>("--partition") { Description = "Slurm: the partition of the jobs." };
        var gres = new Option<string?>("--gres") { Description = "Slurm: generic resources per job, e.g. gpu:1." };
        var time = new Option<string?>("--time") { Description = "Slurm: the time limit of each job, e.g. 04:00:00." };
        var account = new Option<string?>("--account") { Description = "Slurm: the account to charge." };
        var cpus = new Option<int>("--cpus-per-task") { Description = "Slurm: CPUs per job.", DefaultValueFactory = _ => 1 };
        var emit = new Option<string?>("--emit") { Description = "Slurm: write the sbatch scripts into this folder without submitting them." };
        var command = new Command("run", "Run a paper table (reusing stored results) and compare it with the paper, here or on a Slurm cluster.")
        {
            name, profile, seed, dataRoot, device, output, executor, partition, gres, time, account, cpus, emit,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var outDir = parse.GetValue(output)!;
            switch (parse.GetValue(executor))
            {
                case "local":
                    foreach (var slurmOnly in new Option[] { partition, gres, time, account, emit })
                        if (parse.GetResult(slurmOnly) is { Implicit: false })
                            throw new UsageException($"{slurmOnly.Name} needs --executor slurm");
                    break;
                case "slurm":
                    var settings = new SlurmSettings(parse.GetValue(partition), parse.GetValue(gres), parse.GetValue(time), parse.GetValue(account),
                                                     parse.GetValue(cpus));
                    var dev = parse.GetValue(device) ?? (settings.Gres?.Contains("gpu", StringComparison.OrdinalIgnoreCase) == true ? "cuda" : "cpu");
                    return SlurmExecutor.Submit(parse.GetValue(name)!, Profiles.Parse(parse.GetValue(profile)!), parse.GetValue(seed),
                                                parse.GetValue(dataRoot), dev, outDir, settings, parse.GetValue(emit));
                case var other:
                    throw new UsageException($"unknown --executor '{other}': expected local or slurm");
            }
            var localDevice = parse.GetValue(device) ?? (Kit.DefaultDevice.type == TorchSharp.DeviceType.CUDA ? "cuda" : "cpu");
            TableOutcome Run(IProgress<TableProgress> progress, Action<string> log) =>
                PaperTables.Run(parse.GetValue(name)!, Profiles.Parse(parse.GetValue(profile)!), parse.GetValue(seed),
                                parse.GetValue(dataRoot), localDevice, outDir, log, progress: progress);
            // A live display on a terminal; plain milestone lines, without ANSI codes, when output goes to a pipe or a file.
            var outcome = Console.IsOutputRedirected || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive
                ? Run(new TableProgressLines(Console.Out), Console.WriteLine)
                : TableProgressDisplay.Run(AnsiConsole.Console, Run);
            TableOutput.Print(outcome, outDir);
            return 0;
        }));
        return command;
    }
}
