using System.CommandLine;
using SkeletonSsl.Experiments;
using SkeletonSsl.Notebooks.Execution;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>notebook run PATH [--profile smoke|quick|paper] [--out FILE]</c>: executes a notebook in the real .NET
/// Interactive kernel (the version pinned in .config/dotnet-tools.json, in its own process, as VS Code or Jupyter
/// would) and writes the notebook with its outputs. Exit code 0 when every cell ran, 1 when a cell failed (its index
/// and error are printed), 2 for bad input.
/// </summary>
public sealed class NotebookRunCommand : ICliCommand
{
    public string Parent => "notebook";

    public Command Build()
    {
        var path = new Argument<string>("path") { Description = "The .ipynb notebook to run." };
        var profile = new Option<string>("--profile")
        {
            Description = "Run size for the cells (SKELETONSSL_PROFILE): smoke, quick or paper.",
            DefaultValueFactory = _ => "quick",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Where to write the executed notebook (default: runs/notebooks/<path under notebooks/>).",
        };
        var command = new Command("run", "Execute a notebook in the .NET Interactive kernel, cell by cell, and save the outputs into a copy.")
        {
            path, profile, output,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            string notebook = parse.GetValue(path)!;
            var options = new NotebookRunOptions(
                Profiles.Parse(parse.GetValue(profile)!),
                parse.GetValue(output) ?? DefaultOutput(notebook),
                Console.Out);
            var result = NotebookExecutor.RunAsync(notebook, options).GetAwaiter().GetResult();
            Console.WriteLine($"wrote {result.OutputPath}");
            if (result.Failure is { } failure)
            {
                Console.Error.WriteLine($"error: {notebook}: {failure}");
                return 1;
            }
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// runs/notebooks/ plus the notebook's path below the repository's notebooks/ folder (the one
    /// next to Reproduce.sln), else plus its file name.
    /// </summary>
    public static string DefaultOutput(string notebook)
    {
        string full = Path.GetFullPath(notebook);
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(full)!); dir?.Parent is { } parent; dir = parent)
        {
            if (dir.Name == "notebooks" && File.Exists(Path.Combine(parent.FullName, "Reproduce.sln")))
                return Path.Combine("runs", "notebooks", Path.GetRelativePath(dir.FullName, full));
        }
        return Path.Combine("runs", "notebooks", Path.GetFileName(full));
    }
}
