namespace SkeletonSsl.Tables;

/// <summary>A column of a paper table.</summary>
/// <param name="Id">Stable id used in result rows ("ntu60-xsub", "ep100").</param>
/// <param name="Header">The header as the paper prints it ("NTU-60 xsub").</param>
/// <param name="Dataset">The catalog dataset its cells evaluate on, or null when a row decides.</param>
/// <param name="Split">The split of that dataset, or null.</param>
/// <param name="Unit">Percent or ratio.</param>
public sealed record TableColumn(string Id, string Header, string? Dataset, string? Split, MetricUnit Unit = MetricUnit.Percent)
{
    /// <summary>The highest value a cell of this column can hold.</summary>
    public double Maximum => Unit == MetricUnit.Percent ? 100 : 1;
}
