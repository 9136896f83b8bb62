using System.CommandLine;
using SkeletonSsl.Data;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary><c>table show NAME [--results DIR]</c>: the comparison with the paper from stored results (runs nothing).</summary>
public sealed class TableShowCommand : ICliCommand
{
    public string Parent => "table";

    public Command Build()
    {
        var name = TableOptions.Name();
        var results = TableOptions.Results();
        var profile = TableOptions.Profile();
        var seed = TableOptions.Seed();
        var data = new Option<string>("--data") { Description = "synthetic or real.", DefaultValueFactory = _ => "synthetic" };
        var html = new Option<string?>("--html") { Description = "Also write the HTML report page to this file." };
        var csv = new Option<string?>("--csv") { Description = "Also write the comparison as CSV to this file." };
        var force = new Option<bool>("--force") { Description = "Replace --html/--csv files even if the kit did not write them." };
        var command = new Command("show", "Show a paper table next to our stored results (runs nothing).")
        {
            name, results, profile, seed, data, html, csv, force,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var table = Catalog.Default.Table(parse.GetValue(name)!);
            if (parse.GetValue(html) is { } h) OutputGuard.File(h, "a report page", ReportPage.IsKitPage, parse.GetValue(force));
            if (parse.GetValue(csv) is { } c) OutputGuard.File(c, "a comparison CSV", TableOutput.IsComparisonCsv, parse.GetValue(force));
            var kind = parse.GetValue(data) switch
            {
                "synthetic" => DataKind.Synthetic,
                "real" => DataKind.Real,
                var other => throw new ArgumentException($"unknown --data '{other}': expected synthetic or real"),
            };
            var options = new RunnerOptions(Profiles.Parse(parse.GetValue(profile)!), parse.GetValue(seed), "cpu", null, TableOptions.DefaultOut)
            {
                Data = kind,
            };
            var store = new ResultStore(parse.GetValue(results)!);
            var run = new Runner(Catalog.Default, store, options).Collect(table);
            TableOutput.Print(TableOutcome.From(table, run, store, options), parse.GetValue(html), parse.GetValue(csv));
            return 0;
        }));
        return command;
    }
}
