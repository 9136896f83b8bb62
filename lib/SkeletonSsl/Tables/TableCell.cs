using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>One cell: the paper's number (null where the paper prints "-" or gives none) and the
/// experiment that regenerates it (null for methods the kit does not have).</summary>
/// <param name="ColumnId">The column.</param>
/// <param name="Paper">The paper's reported value, copied from the paper text.</param>
/// <param name="Spec">The experiment to run, or null.</param>
/// <param name="Metric">Which metric of the protocol's result fills the cell.</param>
public sealed record TableCell(string ColumnId, double? Paper, ExperimentSpec? Spec, string Metric = "top1");
