using System.CommandLine;
using SkeletonSsl.Data;
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
            Description = "Where to write the executed notebook (default: runs/notebooks/<path under notebooks/>); an existing file only if it is an executed copy of the same notebook, unless --force.",
        };
        var force = new Option<bool>("--force") { Description = "Replace the output file even if it is not the kit's own output of this command (the inputs never)." };
        var command = new Command("run", "Execute a notebook in the .NET Interactive kernel, cell by cell, and save the outputs into a copy.")
        {
            path, profile, output, force,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            string notebook = parse.GetValue(path)!;
            string outputPath = parse.GetValue(output) ?? DefaultOutput(notebook);
            if (!File.Exists(notebook)) throw new FileNotFoundException($"{notebook}: no such notebook", notebook);
            OutputGuard.File(outputPath, "an executed notebook", existing => IsCopyOf(existing, notebook), parse.GetValue(force), notebook);
            var options = new NotebookRunOptions(Profiles.Parse(parse.GetValue(profile)!), outputPath, Console.Out);
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
    /// Whether <paramref name="existing"/> is an executed copy of <paramref name="notebook"/>: a notebook with the
    /// same cells (sources in order), which running it again reproduces. Anything else is someone's own file.
    /// </summary>
    public static bool IsCopyOf(string existing, string notebook)
    {
        try
        {
            var sources = (string p) => NotebookDocument.Load(p).Cells.Select(c => c.Source).ToList();
            return sources(existing).SequenceEqual(sources(notebook));
        }
        catch (Exception e) when (e is IOException or SkeletonSsl.Data.DataFormatException or UnauthorizedAccessException)
        {
            return false;
        }
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
