using System.CommandLine;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>
/// <c>table run-task NAME --run HASH [--profile] [--seed] [--device] [--data-root] [--out]</c> (hidden; what a Slurm array
/// task runs): trains one pre-training run of the table, by config hash, into the folder <c>table run</c> reads it from,
/// resuming from its newest checkpoint when an earlier attempt was killed or requeued, reusing it when finished.
/// </summary>
public sealed class TableRunTaskCommand : ICliCommand
{
    public string Parent => "table";

    public Command Build()
    {
        var name = TableOptions.Name();
        var run = new Option<string>("--run") { Description = "The pre-training run's config hash (see the array script).", Required = true };
        var profile = TableOptions.Profile();
        var seed = TableOptions.Seed();
        var dataRoot = TableOptions.DataRoot();
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var output = TableOptions.Out();
        var command = new Command("run-task", "Train one pre-training run of a table (a cluster job's task).")
        {
            name, run, profile, seed, dataRoot, device, output,
        };
        command.Hidden = true;
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var table = Catalog.Default.Table(parse.GetValue(name)!);
            var options = new RunnerOptions(Profiles.Parse(parse.GetValue(profile)!), parse.GetValue(seed), parse.GetValue(device)!,
                                            parse.GetValue(dataRoot), parse.GetValue(output)!, Console.WriteLine, KitPaths.Data);
            var runner = new Runner(Catalog.Default, new ResultStore(Path.Combine(options.RunsDirectory, "results")), options);
            var result = runner.PretrainOne(table, parse.GetValue(run)!);
            Console.WriteLine($"done: {result.RunDirectory} ({result.LossCurve.Count} epoch(s), final loss {(result.LossCurve.Count > 0 ? result.LossCurve[^1] : double.NaN):G6})");
            return 0;
        }));
        return command;
    }
}
