using SkeletonSsl.Tables;

namespace SkeletonSsl.Reporting;

/// <summary>One cell of the comparison: our value (mean over seeds), the paper's, and ours minus the paper's.</summary>
/// <param name="RowId">The table row.</param>
/// <param name="Label">The row as the paper prints it.</param>
/// <param name="Group">The paper's row group, or null.</param>
/// <param name="PaperOnly">True when the kit does not rerun the row.</param>
/// <param name="ColumnId">The column.</param>
/// <param name="Header">The column header.</param>
/// <param name="Unit">Percent or ratio.</param>
/// <param name="Ours">Our value, or null when not measured.</param>
/// <param name="Paper">The paper's value, or null when the paper gives none.</param>
/// <param name="Seeds">How many seeds <see cref="Ours"/> averages.</param>
public sealed record ComparisonEntry(string RowId, string Label, string? Group, bool PaperOnly, string ColumnId, string Header,
                                     MetricUnit Unit, double? Ours, double? Paper, int Seeds)
{
    /// <summary>Ours minus the paper's, when both exist.</summary>
    public double? Difference => Ours is { } o && Paper is { } p ? o - p : null;
}
