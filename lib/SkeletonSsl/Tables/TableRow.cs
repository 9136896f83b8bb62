namespace SkeletonSsl.Tables;

/// <summary>A row of a paper table.</summary>
/// <param name="Id">Stable id used in result rows ("3s-aimclr").</param>
/// <param name="Label">The method as the paper prints it ("3s-AimCLR (ours)").</param>
/// <param name="Group">The paper's row group ("Single-stream:", "1% labeled data:"), or null.</param>
/// <param name="Cells">One cell per column, in column order.</param>
/// <param name="Note">Why a row is paper-only or how it is reconstructed, or null.</param>
public sealed record TableRow(string Id, string Label, string? Group, IReadOnlyList<TableCell> Cells, string? Note = null)
{
    /// <summary>True when the kit reruns none of its cells (another group's method, or a variant we lack).</summary>
    public bool PaperOnly => Cells.All(c => c.Spec is null);

    /// <summary>The cell of a column, or null.</summary>
    public TableCell? Cell(string columnId) => Cells.FirstOrDefault(c => c.ColumnId == columnId);
}
