using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>Prints a table run's comparison and writes its report files.</summary>
internal static class TableOutput
{
    public static void Print(TableDefinition table, TableRun run, ResultStore store, RunnerOptions options,
                             string? htmlPath, string? csvPath, string? markdownPath = null)
    {
        var comparison = ComparisonTable.Build(table, run.Rows);
        Console.WriteLine($"{table.Id}: {table.Title}");
        Console.WriteLine($"profile {options.Profile.ToString().ToLowerInvariant()}, seed {options.Seed}, data {options.Data.ToString().ToLowerInvariant()}; " +
                          $"{run.Reused.Count} reused, {run.Computed.Count} computed, {run.Skipped.Count} not available");
        foreach (var (spec, reason) in run.Skipped.DistinctBy(s => s.Reason)) Console.WriteLine($"  not available: {reason} (e.g. {spec.Hash})");
        Console.WriteLine();
        var markdown = comparison.ToMarkdown();
        Console.Write(markdown);
        var records = run.Reused.Concat(run.Computed)
            .Select(s => store.TryLoad(new ExperimentKey(s, options.Profile, options.Seed, options.Data)))
            .OfType<ExperimentRecord>().ToList();
        if (markdownPath is not null) Write(markdownPath, $"# {table.Title}\n\n{markdown}");
        if (csvPath is not null) Write(csvPath, comparison.ToCsv());
        if (htmlPath is not null)
        {
            TableReport.Build(comparison, records).Save(htmlPath);
            Console.WriteLine($"\nreport: {htmlPath}");
        }
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = $"{path}.tmp-{Environment.ProcessId}";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
