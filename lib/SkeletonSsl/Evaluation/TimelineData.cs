namespace SkeletonSsl.Evaluation;

/// <summary>
/// Segments of one recording on parallel tracks (action detection: ground truth next to predictions, PCM3 Table 5):
/// each track a name and its segments (class label, first and last frame, 1-based inclusive, and a confidence).
/// </summary>
/// <param name="Title">The panel title.</param>
/// <param name="Frames">The recording's frame count (the x range).</param>
/// <param name="Tracks">Tracks from top to bottom.</param>
public sealed record TimelineData(string Title, int Frames, IReadOnlyList<TimelineTrack> Tracks) : FigureData(Title);

/// <summary>One track of a <see cref="TimelineData"/>.</summary>
public sealed record TimelineTrack(string Name, IReadOnlyList<TimelineSegment> Segments);

/// <summary>One segment: its class label (e.g. "A03"), first and last frame (1-based, inclusive) and confidence.</summary>
public sealed record TimelineSegment(string Label, int Start, int End, double Confidence = 1);
