using System.CommandLine;
using SkeletonSsl.Notebooks.Execution;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>notebook clean PATH...</c>: removes outputs and execution counts in place, so a notebook
/// run in VS Code can be committed clean.
/// </summary>
public sealed class NotebookCleanCommand : ICliCommand
{
    public string Parent => "notebook";

    public Command Build()
    {
        var paths = new Argument<string[]>("paths") { Description = "The .ipynb notebooks to clean.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("clean", "Remove outputs and execution counts from notebooks, in place.") { paths };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            foreach (var path in parse.GetValue(paths)!)
            {
                var notebook = NotebookDocument.Load(path);
                int changed = notebook.ClearOutputs();
                if (changed > 0) notebook.Save(path);
                Console.WriteLine($"{path}: {(changed > 0 ? $"cleared {changed} cells" : "already clean")}");
            }
            return 0;
        }));
        return command;
    }
}
