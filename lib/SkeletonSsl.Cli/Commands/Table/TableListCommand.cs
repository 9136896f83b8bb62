using System.CommandLine;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using Spectre.Console;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary><c>table list [--markdown]</c>: every paper table, its notebook, CLI command and status.</summary>
public sealed class TableListCommand : ICliCommand
{
    public string Parent => "table";

    public Command Build()
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print the README's table of tables as Markdown." };
        var results = TableOptions.Results();
        var profile = TableOptions.Profile();
        var seed = TableOptions.Seed();
        var command = new Command("list", "List every paper table with its notebook, CLI command and status.")
        {
            markdown, results, profile, seed,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var store = new ResultStore(parse.GetValue(results)!);
            var p = Profiles.Parse(parse.GetValue(profile)!);
            var s = parse.GetValue(seed);
            if (parse.GetValue(markdown))
            {
                Console.Write(TableIndex.ToMarkdown(Catalog.Default, store, p, s));
                return 0;
            }
            var table = new Spectre.Console.Table().AddColumns("Table", "Title", "Notebook", "CLI", "Status");
            foreach (var (t, status) in TableIndex.Entries(Catalog.Default, store, p, s))
            {
                var colour = status switch
                {
                    TableStatus.ReproducedOnSynthetic => "green",
                    TableStatus.ReadyForRealData => "yellow",
                    _ => "grey",
                };
                table.AddRow(Markup.Escape(t.Id), Markup.Escape(t.Title), Markup.Escape(t.Notebook), Markup.Escape(t.Command),
                             $"[{colour}]{TableIndex.Describe(status)}[/]");
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
