namespace SkeletonSsl.Tables;

/// <summary>One ordering inside a claim: the cell <paramref name="Better"/> is better than <paramref name="Worse"/>,
/// in the direction of their column's unit (higher accuracy, lower MPJPE).</summary>
/// <param name="Better">The cell the paper says is better.</param>
/// <param name="Worse">The cell it beats.</param>
/// <param name="AllowTie">True when an equal value also satisfies the claim ("at least as good"), as where the paper bolds a tie.</param>
public sealed record ClaimComparison(CellAddress Better, CellAddress Worse, bool AllowTie = false)
{
    /// <summary>Row <paramref name="better"/> beats row <paramref name="worse"/> in column <paramref name="column"/>.</summary>
    public static ClaimComparison Of(string better, string worse, string column, bool allowTie = false) =>
        new(new CellAddress(better, column), new CellAddress(worse, column), allowTie);
}
