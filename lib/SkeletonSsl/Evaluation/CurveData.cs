namespace SkeletonSsl.Evaluation;

/// <summary>Named series over a common x axis (KNN accuracy, AimCLR Fig. 3; loss per epoch).</summary>
/// <param name="Title">The panel title.</param>
/// <param name="XTitle">The x axis title.</param>
/// <param name="YTitle">The y axis title.</param>
/// <param name="Series">The lines.</param>
public sealed record CurveData(string Title, string XTitle, string YTitle, IReadOnlyList<CurveSeries> Series)
    : FigureData(Title);
