namespace SkeletonSsl.Tables;

/// <summary>Where the paper backs a claim.</summary>
public enum ClaimEvidence
{
    /// <summary>The table's printed numbers: the claim must hold on them (checked when the table is validated).</summary>
    Numbers,

    /// <summary>A figure without printed numbers (bars, t-SNE panels): the paper's side cannot be checked, ours can.</summary>
    Figure,
}
