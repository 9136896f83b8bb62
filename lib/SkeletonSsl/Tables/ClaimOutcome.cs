namespace SkeletonSsl.Tables;

/// <summary>A claim checked on one set of numbers.</summary>
/// <param name="Verdict">Holds, fails or not measured.</param>
/// <param name="Held">How many comparisons hold.</param>
/// <param name="Failures">The comparisons that go the other way.</param>
/// <param name="Missing">How many comparisons lack a number on this side.</param>
public sealed record ClaimOutcome(ClaimVerdict Verdict, int Held, IReadOnlyList<ClaimComparison> Failures, int Missing)
{
    /// <summary>Comparisons that had both numbers.</summary>
    public int Checked => Held + Failures.Count;

    /// <summary>
    /// Checks each comparison on <paramref name="value"/> in the direction of <paramref name="unit"/>; a
    /// comparison with a missing number counts as missing, never as held.
    /// </summary>
    public static ClaimOutcome Of(IEnumerable<ClaimComparison> comparisons, Func<CellAddress, double?> value, Func<CellAddress, MetricUnit> unit)
    {
        int held = 0, missing = 0;
        List<ClaimComparison> failures = [];
        foreach (var c in comparisons)
        {
            if (value(c.Better) is not { } better || value(c.Worse) is not { } worse)
            {
                missing++;
                continue;
            }
            var order = unit(c.Better).Compare(better, worse);
            if (order > 0 || (order == 0 && c.AllowTie)) held++;
            else failures.Add(c);
        }
        var verdict = failures.Count > 0 ? ClaimVerdict.Fails : held > 0 ? ClaimVerdict.Holds : ClaimVerdict.NotMeasured;
        return new ClaimOutcome(verdict, held, failures, missing);
    }
}
