namespace SkeletonSsl.Evaluation;

/// <summary>2-D points with a class label each (a t-SNE embedding, AimCLR Fig. 2).</summary>
/// <param name="Title">The panel title.</param>
/// <param name="X">x coordinates, one per point.</param>
/// <param name="Y">y coordinates, one per point.</param>
/// <param name="Labels">Class names, one per point.</param>
public sealed record ScatterData(string Title, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<string> Labels)
    : FigureData(Title);
