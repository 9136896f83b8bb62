namespace SkeletonSsl.Evaluation;

/// <summary>One line of a <see cref="CurveData"/>: x and y of equal length.</summary>
public sealed record CurveSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
