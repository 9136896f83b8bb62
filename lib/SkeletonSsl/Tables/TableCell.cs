using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>One cell: the paper's number (null where the paper prints "-" or gives none) and the
/// experiment that regenerates it (null for methods the kit does not have); in a derived column the
/// formula that computes it instead, in a text column the paper's text.</summary>
/// <param name="ColumnId">The column.</param>
/// <param name="Paper">The paper's reported value, copied from the paper text (for a derived cell: the value the paper prints, or null).</param>
/// <param name="Spec">The experiment to run, or null.</param>
/// <param name="Metric">Which metric of the protocol's result fills the cell (the column's metric when it names one, else the row's).</param>
public sealed record TableCell(string ColumnId, double? Paper, ExperimentSpec? Spec, string Metric = "top1")
{
    /// <summary>How a derived cell is computed from other cells, or null (a measured cell, or a derived column's blank).</summary>
    public CellFormula? Formula { get; init; }

    /// <summary>The text of a text column's cell as the paper prints it, or null.</summary>
    public string? Text { get; init; }

    /// <summary>True for a cell computed by a formula.</summary>
    public bool IsDerived => Formula is not null;
}
