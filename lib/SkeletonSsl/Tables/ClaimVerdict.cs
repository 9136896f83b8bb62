namespace SkeletonSsl.Tables;

/// <summary>Whether a claim holds on one set of numbers (the paper's or ours).</summary>
public enum ClaimVerdict
{
    /// <summary>Every comparison that has both numbers holds, and at least one does.</summary>
    Holds,

    /// <summary>At least one comparison with both numbers goes the other way.</summary>
    Fails,

    /// <summary>No comparison has both numbers (rows not rerun, or no results yet).</summary>
    NotMeasured,
}
