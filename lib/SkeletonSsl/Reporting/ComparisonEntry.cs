using SkeletonSsl.Tables;

namespace SkeletonSsl.Reporting;

/// <summary>One cell of the comparison: our value (mean over seeds), the paper's, and ours minus the paper's.</summary>
/// <param name="RowId">The table row.</param>
/// <param name="Label">The row as the kit's reports print it: the paper's label, "(ours)" naming the paper's method.</param>
/// <param name="Group">The paper's row group, or null.</param>
/// <param name="PaperOnly">True when the kit does not rerun the row.</param>
/// <param name="ColumnId">The column.</param>
/// <param name="Header">The column header.</param>
/// <param name="Unit">The column's unit (range, direction, format).</param>
/// <param name="Ours">Our value, or null when not measured (for a derived cell: computed from our values).</param>
/// <param name="Paper">The paper's value, or null when the paper gives none (for a derived cell it does not print: computed from its numbers).</param>
/// <param name="Seeds">How many seeds <see cref="Ours"/> averages.</param>
public sealed record ComparisonEntry(string RowId, string Label, string? Group, bool PaperOnly, string ColumnId, string Header,
                                     MetricUnit Unit, double? Ours, double? Paper, int Seeds)
{
    /// <summary>Measured, derived or text.</summary>
    public ColumnKind Kind { get; init; } = ColumnKind.Measured;

    /// <summary>For a derived cell the paper does not print: true, its <see cref="Paper"/> is computed by the kit from the paper's numbers.</summary>
    public bool PaperComputed { get; init; }

    /// <summary>A derived cell's formula in words, or null.</summary>
    public string? Formula { get; init; }

    /// <summary>A text cell's text, or null.</summary>
    public string? Text { get; init; }

    /// <summary>Ours minus the paper's, when both exist.</summary>
    public double? Difference => Ours is { } o && Paper is { } p ? o - p : null;

    /// <summary>Whether ours is better than the paper's in the unit's direction (null: equal, missing or no direction).</summary>
    public bool? OursBetter => Difference is { } d ? Unit.IsImprovement(d) : null;
}
