using System.CommandLine;
using SkeletonSsl.Experiments;
using Spectre.Console;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>
/// <c>table run NAME [--profile smoke|quick|paper] [--data-root DIR] [--device cpu|cuda] [--out DIR] [--seed S]</c>:
/// runs the experiments a paper table needs (reusing stored results), then writes NAME.md, NAME.csv and
/// NAME.html under the output folder and prints the comparison. On a terminal a live display shows the table's
/// progress (experiments k of n, the run in flight, an estimate of the time left); redirected, one line per milestone.
/// </summary>
public sealed class TableRunCommand : ICliCommand
{
    public string Parent => "table";

    public Command Build()
    {
        var name = TableOptions.Name();
        var profile = TableOptions.Profile();
        var seed = TableOptions.Seed();
        var dataRoot = new Option<string?>("--data-root") { Description = "A prepared real dataset root; without it the synthetic set is used." };
        var device = new Option<string>("--device")
        {
            Description = "cpu or cuda (default: cuda when available).",
            DefaultValueFactory = _ => Kit.DefaultDevice.type == TorchSharp.DeviceType.CUDA ? "cuda" : "cpu",
        };
        var output = new Option<string>("--out") { Description = "Output folder (results/, pretrain/, eval/, reports); an existing folder holding anything else is refused.", DefaultValueFactory = _ => TableOptions.DefaultOut };
        var command = new Command("run", "Run a paper table (reusing stored results) and compare it with the paper.")
        {
            name, profile, seed, dataRoot, device, output,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var outDir = parse.GetValue(output)!;
            TableOutcome Run(IProgress<TableProgress> progress, Action<string> log) =>
                PaperTables.Run(parse.GetValue(name)!, Profiles.Parse(parse.GetValue(profile)!), parse.GetValue(seed),
                                parse.GetValue(dataRoot), parse.GetValue(device)!, outDir, log, progress: progress);
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
