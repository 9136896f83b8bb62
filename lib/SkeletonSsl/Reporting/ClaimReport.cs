using System.Net;
using System.Text;
using Microsoft.Data.Analysis;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Reporting;

/// <summary>
/// The paper's claims about a table (<see cref="TableDefinition.Claims"/>) checked on the paper's numbers and on
/// our run, with the sentence that says why they matter: on the synthetic stand-in data the orderings are the
/// comparison that means something, not the absolute numbers. What reports, <c>table show</c> and notebooks
/// (<c>outcome.Claims()</c>) print.
/// </summary>
public sealed class ClaimReport
{
    /// <summary>Next to the claims of a run on synthetic data or reduced models (or of no run yet).</summary>
    public const string SyntheticNote =
        "On the synthetic stand-in data (and reduced models) the absolute numbers are not comparable with the paper's; " +
        "whether our run orders the rows as the paper's claims do is the comparison that means something.";

    /// <summary>Next to the claims of a run on the real data at the paper's scale.</summary>
    public const string RealNote =
        "Real data at the paper's scale: the orderings and the numbers are both comparable with the paper's.";

    private const int FailuresShown = 3;

    internal ClaimReport(ComparisonTable comparison)
    {
        var table = comparison.Table;
        TableId = table.Id;
        var results = comparison.Results;
        Measured = results.Count > 0;
        Note = results.Any(r => r.Data != Experiments.DataKind.Real || r.Profile != Profile.Paper) || !Measured ? SyntheticNote : RealNote;
        var paper = table.PaperValues();
        Results = [.. table.Claims.Select(claim =>
        {
            var onPaper = table.CheckOnPaper(claim);
            var ours = table.Check(claim, comparison.Ours);
            return new ClaimResult(claim, onPaper, ours,
                                   claim.Evidence == ClaimEvidence.Figure ? "shown in a figure; the paper prints no numbers" : Describe(onPaper, paper),
                                   DescribeOurs(claim, ours));
        })];

        string DescribeOurs(TableClaim claim, ClaimOutcome o)
        {
            var notRerun = claim.Checked(paper).Count(c => table.Row(c.Better.RowId).PaperOnly || table.Row(c.Worse.RowId).PaperOnly);
            if (o.Verdict == ClaimVerdict.NotMeasured)
                return notRerun == o.Missing ? "not checked: the kit does not rerun the rows it compares"
                     : Measured ? "not measured in this run" : "not measured yet";
            var text = Describe(o, comparison.Ours);
            if (o.Missing == 0) return text;
            var why = notRerun == o.Missing ? "rows the kit does not rerun" : notRerun == 0 ? "not measured" : "not measured or not rerun";
            return $"{text}; {o.Missing} more comparison{(o.Missing == 1 ? "" : "s")} unchecked ({why})";
        }

        string Describe(ClaimOutcome o, Func<CellAddress, double?> value)
        {
            if (o.Verdict == ClaimVerdict.Holds) return $"holds ({o.Held}/{o.Checked})";
            if (o.Verdict == ClaimVerdict.NotMeasured) return "not measured";
            var shown = o.Failures.Take(FailuresShown).Select(f =>
                $"{table.Describe(f.Better)} {table.UnitOf(f.Better).Format(value(f.Better), suffix: true)} is not " +
                $"{(f.AllowTie ? "at least as good as" : "better than")} {table.Describe(f.Worse)} {table.UnitOf(f.Worse).Format(value(f.Worse), suffix: true)}");
            var more = o.Failures.Count > FailuresShown ? $"; and {o.Failures.Count - FailuresShown} more" : "";
            return $"fails {o.Failures.Count} of {o.Checked}: {string.Join("; ", shown)}{more}";
        }
    }

    /// <summary>The table the claims are about.</summary>
    public string TableId { get; }

    /// <summary>Whether the comparison has any result of ours.</summary>
    public bool Measured { get; }

    /// <summary>One result per claim, in the table's order.</summary>
    public IReadOnlyList<ClaimResult> Results { get; }

    /// <summary>The sentence shown next to the claims (<see cref="SyntheticNote"/> or <see cref="RealNote"/>).</summary>
    public string Note { get; }

    /// <summary>How many claims our run checked and upholds, as "2 of 3 claims checked hold in our run".</summary>
    public string Summary
    {
        get
        {
            var checkedClaims = Results.Count(r => r.Ours.Verdict != ClaimVerdict.NotMeasured);
            var holding = Results.Count(r => r.Ours.Verdict == ClaimVerdict.Holds);
            return Results.Count == 0 ? "the table states no claims"
                 : checkedClaims == 0 ? $"{Results.Count} claim{(Results.Count == 1 ? "" : "s")}; none checked on our results yet"
                 : $"{holding} of {checkedClaims} claim{(checkedClaims == 1 ? "" : "s")} checked hold in our run";
        }
    }

    /// <summary>Columns Claim, Source, Paper, Ours (the verdicts in words).</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("Claim", Results.Select(r => r.Claim.Statement)),
        new StringDataFrameColumn("Source", Results.Select(r => r.Claim.Source)),
        new StringDataFrameColumn("Paper", Results.Select(r => r.PaperText)),
        new StringDataFrameColumn("Ours", Results.Select(r => r.OursText)));

    /// <summary>A "## The paper's claims" section: the note as a quote, then a table Claim | Source | Paper | Ours.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder("## The paper's claims\n\n").Append($"> {Note}\n\n").Append($"{Summary}.\n\n");
        if (Results.Count == 0) return sb.ToString();
        sb.Append("| Claim | Source | Paper | Ours |\n|---|---|---|---|\n");
        foreach (var r in Results)
            sb.Append($"| {Escape(r.Claim.Statement)} | {Escape(r.Claim.Source)} | {Escape(r.PaperText)} | {Escape(r.OursText)} |\n");
        return sb.ToString();
    }

    /// <summary>The note and an HTML table of the claims; a verdict is green where it holds, red where it fails.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<div class=\"claims\">\n");
        sb.Append("<p class=\"note\">").Append(WebUtility.HtmlEncode(Note)).Append("</p>\n");
        sb.Append("<p>").Append(WebUtility.HtmlEncode(Summary)).Append(".</p>\n");
        if (Results.Count > 0)
        {
            sb.Append("<table class=\"claims\">\n<thead><tr><th>Claim</th><th>Source</th><th>Paper</th><th>Ours</th></tr></thead>\n<tbody>\n");
            foreach (var r in Results)
                sb.Append($"<tr><td>{WebUtility.HtmlEncode(r.Claim.Statement)}</td><td>{WebUtility.HtmlEncode(r.Claim.Source)}</td>")
                  .Append($"<td{Class(r.Paper.Verdict)}>{WebUtility.HtmlEncode(r.PaperText)}</td>")
                  .Append($"<td{Class(r.Ours.Verdict)}>{WebUtility.HtmlEncode(r.OursText)}</td></tr>\n");
            sb.Append("</tbody>\n</table>\n");
        }
        return sb.Append("</div>").ToString();
    }

    /// <summary>Plain text: the note, then one claim per line with both verdicts.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder($"The paper's claims ({TableId}): {Summary}.\n{Note}\n");
        foreach (var r in Results)
            sb.Append($"- {r.Claim.Statement} ({r.Claim.Source})\n    paper: {r.PaperText}\n    ours:  {r.OursText}\n");
        return sb.ToString();
    }

    private static string Class(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Holds => " class=\"holds\"",
        ClaimVerdict.Fails => " class=\"fails\"",
        _ => "",
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
