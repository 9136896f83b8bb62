using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;
using SkeletonSsl.Evaluation;

namespace SkeletonSsl.Reporting;

/// <summary>
/// The report page of one paper table: provenance, a banner when the numbers come from synthetic data
/// or reduced models, the comparison with the paper, the paper's claims checked on both sides, grouped bars
/// per numeric column, and any figures the
/// experiments produced (t-SNE, KNN curves, confusion matrices, pre-training loss).
/// </summary>
public static class TableReport
{
    public const string SyntheticBanner =
        "Synthetic data and reduced models: these numbers come from the kit's generated stand-in dataset " +
        "and a reduced profile. They show that the pipeline runs and that learning happens; they are not " +
        "comparable with the paper's numbers, which need the real dataset and the paper profile.";

    /// <summary>Builds the page from a comparison and the stored records behind it.</summary>
    public static ReportPage Build(ComparisonTable comparison, IReadOnlyList<ExperimentRecord> records)
    {
        var table = comparison.Table;
        var results = comparison.Results;
        var page = new ReportPage($"{table.Title} ({table.Paper})");
        if (results.Count == 0)
            page.Banner("No results yet: only the paper's numbers are shown. Run `" + table.Command + "` to measure ours.");
        else if (results.Any(r => r.Data == DataKind.Synthetic || r.Profile != Profile.Paper))
            page.Banner(SyntheticBanner);
        page.Paragraph(table.Description);
        if (results.Count > 0)
            page.Facts([
                ("profile", Distinct(results.Select(r => r.Profile.ToString().ToLowerInvariant()))),
                ("data", Distinct(results.Select(r => r.Data.ToString().ToLowerInvariant()))),
                ("seeds", Distinct(results.Select(r => r.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
                ("commit", Distinct(results.Select(r => r.Commit))),
                ("device", Distinct(results.Select(r => r.Device))),
                ("TorchSharp", Distinct(results.Select(r => r.TorchSharpVersion))),
                ("measured", $"{results.Min(r => r.Timestamp):u} to {results.Max(r => r.Timestamp):u}"),
            ]);
        page.Heading("Ours, the paper's and the difference").Html(comparison.ToHtml());
        page.Heading("The paper's claims").Html(comparison.Claims.ToHtml());
        var measured = table.Columns.Where(c => c.IsNumeric && comparison.Entries.Any(e => e.ColumnId == c.Id && !e.PaperOnly &&
                                                                                              (c.Kind == ColumnKind.Measured || e.Formula is not null))).ToList();
        if (measured.Count > 0)
        {
            page.Heading("Ours next to the paper");
            foreach (var c in measured) page.Chart(Charts.ComparisonBars(comparison, c.Id));
        }
        var figures = records.SelectMany(r => r.Figures.Select(f => f with { Title = $"{Describe(r.Spec)}: {f.Title}" })).ToList();
        if (figures.Count > 0)
        {
            page.Heading("Figures");
            foreach (var f in figures) page.Chart(Charts.Of(f));
        }
        var losses = LossCurves(records);
        if (losses.Count > 0)
            page.Heading("Pre-training loss").Chart(Charts.Curves(new CurveData("Pre-training loss per epoch", "epoch", "loss", losses)));
        return page;
    }

    /// <summary>An experiment's label for figure titles (<see cref="RunLabel.Of(ExperimentSpec, Catalog)"/>:
    /// "AimCLR, joint+motion+bone, NTU-60 xsub, linear evaluation").</summary>
    public static string Describe(ExperimentSpec spec) => RunLabel.Of(spec, Catalog.Default);

    /// <summary>
    /// The pre-training loss curves behind the records, one per distinct run (a run shared by several experiments
    /// once), each named by its run's label (<see cref="RunLabel.Of(PretrainSpec, Catalog)"/>). A record stores its
    /// curves in the order of its spec's streams, so records written under older names read the same.
    /// </summary>
    public static IReadOnlyList<CurveSeries> LossCurves(IEnumerable<ExperimentRecord> records) =>
        [.. records.SelectMany(r => r.LossCurves.Count == r.Spec.Streams.Length
                                   ? r.Spec.Pretrains.Zip(r.LossCurves, (p, c) => c with { Name = RunLabel.Of(p, Catalog.Default) })
                                   : r.LossCurves)
                   .Where(c => c.X.Count > 0).DistinctBy(c => c.Name)];

    private static string Distinct(IEnumerable<string> values) => string.Join(", ", values.Distinct().Order(StringComparer.Ordinal));
}
