namespace SkeletonSsl.Tables;

/// <summary>A column of a paper table.</summary>
/// <param name="Id">Stable id used in result rows ("ntu60-xsub", "ep100").</param>
/// <param name="Header">The header as the paper prints it ("NTU-60 xsub").</param>
/// <param name="Dataset">The catalog dataset its cells evaluate on, or null when a row decides (always null for derived and text columns).</param>
/// <param name="Split">The split of that dataset, or null.</param>
/// <param name="Unit">The unit its numbers are in: range, direction, format.</param>
public sealed record TableColumn(string Id, string Header, string? Dataset, string? Split, MetricUnit Unit)
{
    /// <summary>A measured percent column.</summary>
    public TableColumn(string Id, string Header, string? Dataset, string? Split) : this(Id, Header, Dataset, Split, MetricUnit.Percent) { }

    /// <summary>Measured, derived or text.</summary>
    public ColumnKind Kind { get; init; } = ColumnKind.Measured;

    /// <summary>The metric its cells read from the protocol's result ("mpjpe-80ms"), overriding the row's; null = the row's.</summary>
    public string? Metric { get; init; }

    /// <summary>True for a column of numbers (measured or derived), the ones compared and ranked.</summary>
    public bool IsNumeric => Kind != ColumnKind.Text;

    /// <summary>The highest value a cell of this column can hold.</summary>
    public double Maximum => Unit.Maximum;
}
