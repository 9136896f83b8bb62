using System.CommandLine;
using System.CommandLine.Parsing;
using System.Reflection;
using SkeletonSsl.Training;

namespace SkeletonSsl.Cli;

public static class Program
{
    private static readonly Dictionary<string, string> Groups = new()
    {
        ["data"] = "Synthetic data, preparation of raw datasets, inspection and visualisation of skeleton files.",
        ["model"] = "Encoders: parameter summaries and feature extraction with PyTorch-compatible weights.",
        ["bench"] = "Benchmarks of the hot paths (parsing, augmentation, training steps); each prints one JSON line.",
        ["table"] = "Paper tables: list them, regenerate one, compare with the paper.",
        ["notebook"] = "Run the kit's notebooks in the .NET Interactive kernel from the command line.",
    };

    /// <summary>The option, on every command, that adds stack traces to internal errors.</summary>
    public const string VerboseOption = "--verbose";

    public static int Main(string[] args)
    {
        NativeRuntime.EnsureInitialised();
        return Run(args);
    }

    /// <summary>
    /// Parses and runs one command line under the error contract (<see cref="CliRun"/>): an option error
    /// prints its line(s) and where to find the command's help, not the whole help, and exits with
    /// <see cref="CliRun.BadInput"/>; a failure escaping a command is reported by <see cref="CliRun.Report"/>.
    /// </summary>
    public static int Run(string[] args)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {CliRun.OneLine(error.Message)}");
            Console.Error.WriteLine($"see '{CommandPath(parse)} --help'");
            return CliRun.BadInput;
        }
        return CliRun.WithVerbose(parse.GetValue<bool>(VerboseOption), () =>
        {
            try
            {
                return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            }
            catch (Exception e)
            {
                return CliRun.Report(e);
            }
        });
    }

    /// <summary>"skeletonssl data synth": the command the parse stopped in, as a user types it.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is CommandResult c; r = c.Parent)
            names.Add(c.Parent is null ? "skeletonssl" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The whole command tree, built from every <see cref="ICliCommand"/> in this assembly.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("SkeletonSsl: self-supervised skeleton action-representation learning (AimCLR, A2MC, PCM3).");
        root.Options.Add(new Option<bool>(VerboseOption)
        {
            Description = $"Print the stack trace of an internal error (also: {CliRun.VerboseVariable}=1).",
            Recursive = true,
        });
        var groups = new Dictionary<string, Command>();
        var commands = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Parent, StringComparer.Ordinal);
        foreach (var c in commands)
        {
            var command = c.Build();
            if (c.Parent.Length == 0) { root.Subcommands.Add(command); continue; }
            if (!groups.TryGetValue(c.Parent, out var group))
            {
                group = new Command(c.Parent, Groups.GetValueOrDefault(c.Parent, c.Parent));
                groups[c.Parent] = group;
                root.Subcommands.Add(group);
            }
            group.Subcommands.Add(command);
        }
        return root;
    }
}
