namespace SkeletonSsl.Evaluation;

/// <summary>
/// Skeleton clips drawn side by side as animated 3-D panels (<see cref="Reporting.SkeletonFigure.Animated"/>): e.g. the
/// motion-prediction protocol's true and predicted future poses of one test clip (PCM3 Table 6).
/// </summary>
public sealed record SkeletonClipsData(string Title, IReadOnlyList<SkeletonPanel> Panels) : FigureData(Title);

/// <summary>One panel of a <see cref="SkeletonClipsData"/>: a (Channels, Frames, Joints, Bodies) clip as a C-order float array.</summary>
public sealed record SkeletonPanel(string Title, int Channels, int Frames, int Joints, int Bodies, IReadOnlyList<float> Values)
{
    /// <summary>Throws unless the values fill the stated shape.</summary>
    public void Validate()
    {
        if ((long)Channels * Frames * Joints * Bodies != Values.Count)
            throw new ArgumentException($"skeleton panel '{Title}': {Values.Count} values for a ({Channels}, {Frames}, {Joints}, {Bodies}) clip");
    }
}
