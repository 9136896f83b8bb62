using SkeletonSsl.Reporting;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;

namespace SkeletonSsl;

/// <summary>
/// One call to regenerate a paper table: run what is missing (reusing stored results and finished
/// pre-training runs), collect the comparison with the paper, and return it. The notebooks and the
/// <c>table run</c> command both go through here.
/// </summary>
public static class PaperTables
{
    /// <summary>
    /// Runs table <paramref name="id"/> (e.g. "aimclr-table2") on the synthetic set, or on real
    /// prepared data under <paramref name="dataRoot"/>. Outputs go below <paramref name="outDirectory"/>
    /// (default <see cref="KitPaths.Tables"/>): pretrain/, eval/, results/. Another folder that exists and
    /// holds anything else is refused (<see cref="Data.OutputConflictException"/>), so nothing of a user's is overwritten.
    /// <paramref name="progress"/> hears a <see cref="TableProgress"/> at every step (the CLI's live display, a notebook's
    /// inline one); <paramref name="log"/> hears plain lines, and one line per milestone when there is no progress.
    /// </summary>
    public static TableOutcome Run(string id, Profile profile, int seed = 0, string? dataRoot = null, string? device = null,
                                   string? outDirectory = null, Action<string>? log = null, Catalog? catalog = null,
                                   IProgress<TableProgress>? progress = null)
    {
        catalog ??= Catalog.Default;
        var table = catalog.Table(id);
        var outDir = outDirectory ?? KitPaths.Tables;
        if (!Data.OutputGuard.SamePath(outDir, KitPaths.Tables))
            Data.OutputGuard.Folder(outDir, "a tables folder (results/, pretrain/, eval/, reports)", d => IsTablesFolder(d, catalog), force: false, canForce: false);
        var options = new RunnerOptions(profile, seed, device ?? (Kit.DefaultDevice.type == TorchSharp.DeviceType.CUDA ? "cuda" : "cpu"),
                                        dataRoot, outDir, log, KitPaths.Data) { Progress = progress };
        var store = new ResultStore(Path.Combine(outDir, "results"));
        return TableOutcome.From(table, new Runner(catalog, store, options).Run(table), store, options);
    }

    /// <summary>Whether a folder holds only what table runs write: results/, pretrain/, eval/, slurm/ (cluster jobs' scripts and logs) and TABLE.md/.csv/.html reports.</summary>
    public static bool IsTablesFolder(string directory, Catalog catalog)
    {
        var own = new HashSet<string>(["results", "pretrain", "eval", "slurm"], StringComparer.Ordinal);
        foreach (var id in catalog.Tables.Keys)
            foreach (var extension in new[] { ".md", ".csv", ".html" })
                own.Add(id + extension);
        return Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).All(name =>
            own.Contains(name!) || (Data.Formats.AtomicFile.TryParseLeftover(name!, out var target, out _, out _) && own.Contains(target)));
    }
}
