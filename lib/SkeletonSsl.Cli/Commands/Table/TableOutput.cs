using SkeletonSsl.Data.Formats;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>Prints a table's comparison and the paper's claims checked on it, and writes its report files.</summary>
internal static class TableOutput
{
    /// <summary>Prints the summary and the Markdown comparison; writes NAME.md, NAME.csv and NAME.html into the folder.</summary>
    public static void Print(TableOutcome outcome, string directory)
    {
        PrintComparison(outcome);
        var (md, csv, html) = outcome.WriteReports(directory);
        Console.WriteLine($"\nreport: {html}\n        {md}\n        {csv}");
    }

    /// <summary>Prints the comparison and writes only the files asked for.</summary>
    public static void Print(TableOutcome outcome, string? htmlPath, string? csvPath)
    {
        PrintComparison(outcome);
        if (csvPath is not null) AtomicFile.WriteAllText(csvPath, outcome.Comparison.ToCsv());
        if (htmlPath is not null)
        {
            outcome.Page().Save(htmlPath);
            Console.WriteLine($"\nreport: {htmlPath}");
        }
    }

    /// <summary>Whether a file is a comparison CSV the kit wrote (its first line is the kit's header).</summary>
    public static bool IsComparisonCsv(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var first = reader.ReadLine();
            return first == Reporting.ComparisonTable.CsvHeader || Reporting.ComparisonTable.EarlierCsvHeaders.Contains(first);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void PrintComparison(TableOutcome outcome)
    {
        Console.WriteLine($"{outcome.Table.Id}: {outcome.Table.Title}");
        Console.WriteLine(outcome.Summary);
        foreach (var (spec, reason) in outcome.Run.Skipped.DistinctBy(s => s.Reason)) Console.WriteLine($"  not available: {reason} (e.g. {RunLabel.WithHash(spec, Catalog.Default)})");
        Console.WriteLine();
        Console.Write(outcome.ToMarkdown());
        Console.WriteLine();
        Console.Write(outcome.Claims().ToMarkdown());
    }
}
