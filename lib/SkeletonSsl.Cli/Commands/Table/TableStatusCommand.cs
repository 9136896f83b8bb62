using System.CommandLine;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>
/// <c>table status NAME [--out DIR] [--profile] [--seed] [--data-root]</c>: each pre-training run of the table with its state
/// from its run folder (missing, running, interrupted, complete; epochs done), how many of its experiments have stored
/// results, and, when the table was submitted with <c>--executor slurm</c>, each job's state from Slurm
/// (<c>sacct</c>, else <c>squeue</c> for clusters without accounting).
/// </summary>
public sealed class TableStatusCommand : ICliCommand
{
    public string Parent => "table";

    public Command Build()
    {
        var name = TableOptions.Name();
        var profile = TableOptions.Profile();
        var seed = TableOptions.Seed();
        var dataRoot = TableOptions.DataRoot();
        var output = TableOptions.Out();
        var command = new Command("status", "Show each run of a table: its state in the results store and run folders, and its Slurm job's state.")
        {
            name, profile, seed, dataRoot, output,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var table = Catalog.Default.Table(parse.GetValue(name)!);
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var options = new RunnerOptions(Profiles.Parse(parse.GetValue(profile)!), parse.GetValue(seed), "cpu", parse.GetValue(dataRoot), outDir);
            var store = new ResultStore(Path.Combine(outDir, "results"));
            var runner = new Runner(Catalog.Default, store, options);
            var submission = SlurmSubmission.TryLoad(Path.Combine(outDir, "slurm", table.Id, SlurmJobs.JobsFile));
            var states = submission is null ? new Dictionary<string, string>() : JobStates(submission);
            var experiments = table.Experiments.Where(s => Catalog.Default.Protocols[s.Protocol].IsWired).ToList();
            int stored = experiments.Count(s => store.TryLoad(new ExperimentKey(s, options.Profile, options.Seed, options.Data)) is not null);
            Console.WriteLine($"{table.Id}: {stored} of {experiments.Count} experiment(s) stored in {store.Root}");
            foreach (var spec in Runner.PretrainRuns(table, Catalog.Default))
            {
                var dir = runner.PretrainDirectory(spec);
                string state = RunState(dir);
                string job = "";
                if (submission is not null && submission.ArrayJob is { } array && submission.Runs.ToList().IndexOf(spec.Hash) is >= 0 and var index)
                    job = $"  slurm {array}_{index}: {states.GetValueOrDefault($"{array}_{index}", "unknown")}";
                Console.WriteLine($"  {spec.Hash}  {RunLabel.Of(spec, Catalog.Default)}: {state}{job}");
            }
            if (submission is not null)
                Console.WriteLine($"  report job {submission.ReportJob}: {states.GetValueOrDefault(submission.ReportJob, "unknown")}");
            return 0;
        }));
        return command;
    }

    private static string RunState(string dir)
    {
        if (!File.Exists(Path.Combine(dir, PretrainRunFolder.InfoFile))) return "not started";
        try
        {
            var info = PretrainRunFolder.ReadInfo(dir);
            return $"{info.Status} ({info.EpochsDone}/{info.Epochs} epochs)";
        }
        catch (ArgumentException e)
        {
            return $"unreadable run.json ({CliRun.OneLine(e.Message)})";
        }
    }

    /// <summary>"ARRAY_i" and "REPORT" to a Slurm state; sacct when accounting is on, else squeue (jobs still known to the controller).</summary>
    private static Dictionary<string, string> JobStates(SlurmSubmission s)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = string.Join(',', new[] { s.ArrayJob, s.ReportJob }.Where(j => j is not null));
        try
        {
            var (code, stdout, _) = Slurm.Run("sacct", ["-j", ids, "-X", "-n", "-P", "--format=JobID,State"]);
            if (code == 0)
                foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    if (line.Split('|') is [var id, var state, ..]) states[id.Trim()] = state.Trim();
            if (states.Count > 0) return states;
            (code, stdout, _) = Slurm.Run("squeue", ["-j", ids, "-h", "-r", "--states=all", "-o", "%i|%T"]);
            if (code == 0)
                foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    if (line.Split('|') is [var id, var state, ..]) states[id.Trim()] = state.Trim();
        }
        catch (UsageException)
        {
            states[s.ReportJob] = "unknown (no Slurm client here)";
        }
        return states;
    }
}
