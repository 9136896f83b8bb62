namespace SkeletonSsl.Evaluation;

/// <summary>A matrix with row and column labels (a confusion matrix: rows true class, columns predicted).</summary>
/// <param name="Title">The panel title.</param>
/// <param name="RowLabels">One label per row.</param>
/// <param name="ColumnLabels">One label per column.</param>
/// <param name="Values">Rows of values.</param>
public sealed record HeatmapData(string Title, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels,
                                 IReadOnlyList<IReadOnlyList<double>> Values)
    : FigureData(Title);
