namespace SkeletonSsl.Tables;

/// <summary>
/// A claim the paper makes about a table, as orderings of its cells ("AimCLR beats SkeletonCLR in every
/// column", "each ablation step adds accuracy"), each in the direction of the column's unit. It is checked
/// on the paper's numbers (it must hold there, which catches copying errors) and on ours: on the
/// synthetic stand-in data the orderings are the comparison that means something, not the absolute numbers.
/// </summary>
/// <param name="Id">Stable id within the table ("aimclr-beats-skeletonclr").</param>
/// <param name="Statement">The claim in words, close to the paper's.</param>
/// <param name="Source">Where the paper makes it ("§4.3", "Table 7's numbers").</param>
/// <param name="Comparisons">The orderings it consists of.</param>
/// <param name="Evidence">Printed numbers, or a figure without numbers.</param>
public sealed record TableClaim(string Id, string Statement, string Source, IReadOnlyList<ClaimComparison> Comparisons,
                                ClaimEvidence Evidence = ClaimEvidence.Numbers)
{
    /// <summary>
    /// The comparisons that are checked: for a claim on printed numbers, those where the paper prints both
    /// numbers ("-" cells drop out, on our side as well); for a figure, all of them.
    /// </summary>
    public IEnumerable<ClaimComparison> Checked(Func<CellAddress, double?> paper) =>
        Evidence == ClaimEvidence.Figure ? Comparisons : Comparisons.Where(c => paper(c.Better) is not null && paper(c.Worse) is not null);
}
