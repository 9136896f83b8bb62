using SkeletonSsl.Data.Formats;
using Microsoft.Data.Analysis;
using Plotly.NET;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;

namespace SkeletonSsl;

/// <summary>
/// A paper table after a run: the comparison with the paper (ours, the paper's, the difference), the
/// stored records behind it and the report page. What notebooks display and the CLI prints.
/// </summary>
public sealed record TableOutcome(TableDefinition Table, TableRun Run, ComparisonTable Comparison,
                                  IReadOnlyList<ExperimentRecord> Records, RunnerOptions Options)
{
    /// <summary>The outcome of a run or a collection: the comparison and the stored records behind it.</summary>
    public static TableOutcome From(TableDefinition table, TableRun run, ResultStore store, RunnerOptions options)
    {
        var records = run.Reused.Concat(run.Computed)
            .Select(s => store.TryLoad(new ExperimentKey(s, options.Profile, options.Seed, options.Data)))
            .OfType<ExperimentRecord>().ToList();
        return new TableOutcome(table, run, ComparisonTable.Build(table, run.Rows), records, options);
    }

    /// <summary>Ours, the paper's and the difference, one row per table row.</summary>
    public DataFrame ToDataFrame() => Comparison.ToDataFrame();

    public string ToMarkdown() => Comparison.ToMarkdown();

    /// <summary>
    /// The paper's claims about the table (orderings such as "AimCLR beats SkeletonCLR in every column") checked on
    /// the paper's numbers and on ours, with the note that on synthetic data the orderings are what to compare.
    /// </summary>
    public ClaimReport Claims() => Comparison.Claims;

    /// <summary>The report page: banner, provenance, comparison, bars, figures and loss curves.</summary>
    public ReportPage Page() => TableReport.Build(Comparison, Records);

    /// <summary>Grouped bars, ours next to the paper, for one column (default: the first column we measured).</summary>
    public GenericChart Bars(string? columnId = null)
    {
        var measured = Table.Columns.Where(c => c.Kind == ColumnKind.Measured).Select(c => c.Id).ToList();
        columnId ??= measured.FirstOrDefault(id => Comparison.Entries.Any(e => e.ColumnId == id && !e.PaperOnly)) ?? measured.FirstOrDefault() ?? Table.Columns[0].Id;
        return Charts.ComparisonBars(Comparison, columnId);
    }

    /// <summary>The protocols' figures (t-SNE scatter, accuracy during training, confusion matrices), titled by experiment.</summary>
    public IReadOnlyList<GenericChart> Figures(string? kind = null) =>
        [.. Records.SelectMany(r => r.Figures.Select(f => f with { Title = $"{TableReport.Describe(r.Spec)}: {f.Title}" }))
                   .Where(f => kind is null || f.GetType().Name.StartsWith(kind, StringComparison.OrdinalIgnoreCase))
                   .Select(Charts.Of)];

    /// <summary>Pre-training loss per epoch of every run behind the table (an empty chart when none was recorded).</summary>
    public GenericChart LossCurves()
    {
        List<CurveSeries> series = [.. TableReport.LossCurves(Records)];
        if (series.Count == 0) series.Add(new CurveSeries("no pre-training loss recorded", [], []));
        return Charts.Curves(new CurveData("Pre-training loss per epoch", "epoch", "loss", series));
    }

    /// <summary>One line on what was reused, computed and unavailable.</summary>
    public string Summary =>
        $"{Table.Id}: profile {Options.Profile.ToString().ToLowerInvariant()}, seed {Options.Seed}, data {Options.Data.ToString().ToLowerInvariant()}; " +
        $"{Run.Reused.Count} reused, {Run.Computed.Count} computed, {Run.Skipped.Count} not available";

    /// <summary>Writes NAME.md (comparison and claims), NAME.csv and NAME.html (offline, plotly.js inlined) atomically; returns their paths.</summary>
    public (string Markdown, string Csv, string Html) WriteReports(string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.RemoveStale(directory);                   // partial reports of a killed process
        string md = Path.Combine(directory, $"{Table.Id}.md"), csv = Path.Combine(directory, $"{Table.Id}.csv"),
               html = Path.Combine(directory, $"{Table.Id}.html");
        AtomicFile.WriteAllText(md, $"# {Table.Title}\n\n{(Options.Data == DataKind.Synthetic || Options.Profile != Profile.Paper ? $"> {TableReport.SyntheticBanner}\n\n" : "")}{ToMarkdown()}\n{Claims().ToMarkdown()}");
        AtomicFile.WriteAllText(csv, Comparison.ToCsv());
        Page().Save(html);
        return (md, csv, html);
    }
}
