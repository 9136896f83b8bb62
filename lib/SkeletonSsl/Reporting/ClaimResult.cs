using SkeletonSsl.Tables;

namespace SkeletonSsl.Reporting;

/// <summary>One of the paper's claims about a table, checked on the paper's numbers and on ours.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Paper">On the paper's numbers (a figure's claim: not measured).</param>
/// <param name="Ours">On our results.</param>
/// <param name="PaperText">The paper's side in words ("holds (10/10)").</param>
/// <param name="OursText">Our side in words ("fails 1 of 4: …").</param>
public sealed record ClaimResult(TableClaim Claim, ClaimOutcome Paper, ClaimOutcome Ours, string PaperText, string OursText);
