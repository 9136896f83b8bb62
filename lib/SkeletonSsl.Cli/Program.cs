using System.CommandLine;
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
        ["notebook"] = "Run the kit's notebooks headlessly.",
    };

    public static int Main(string[] args)
    {
        NativeRuntime.EnsureInitialised();
        return BuildRoot().Parse(args).Invoke();
    }

    /// <summary>The whole command tree, built from every <see cref="ICliCommand"/> in this assembly.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("SkeletonSsl: self-supervised skeleton action-representation learning (AimCLR, A2MC, PCM3).");
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
