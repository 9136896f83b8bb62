using System.CommandLine;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>Options shared by the table commands.</summary>
internal static class TableOptions
{
    public static string DefaultOut => KitPaths.Tables;

    public static Argument<string> Name() => new("name") { Description = "The table id, e.g. aimclr-table2 (see `table list`)." };

    public static Option<string> Profile() => new("--profile")
    {
        Description = "smoke, quick or paper.",
        DefaultValueFactory = _ => Profiles.FromEnvironment().ToString().ToLowerInvariant(),
    };

    public static Option<int> Seed() => new("--seed") { Description = "The experiment seed.", DefaultValueFactory = _ => 0 };

    public static Option<string> Results() => new("--results")
    {
        Description = "The results folder (default: runs/tables/results).",
        DefaultValueFactory = _ => Path.Combine(DefaultOut, "results"),
    };

    public static Option<string?> DataRoot() => new("--data-root") { Description = "A prepared real dataset root; without it the synthetic set is used." };

    public static Option<string> Out() => new("--out")
    {
        Description = "Output folder (results/, pretrain/, eval/, slurm/, reports); an existing folder holding anything else is refused.",
        DefaultValueFactory = _ => DefaultOut,
    };
}
