namespace SkeletonSsl.Evaluation.Detection;

/// <summary>
/// One temporal action segment of a video, as the PKU-MMD label and proposal files hold it (spec/data.md §5.3, §5.6):
/// the class id (1-based, 1…51 on PKU-MMD), first and last frame (1-based, inclusive) and a confidence (a proposal's
/// score; ground truth's is unused).
/// </summary>
public sealed record ActionSegment(string Video, int Class, int Start, int End, double Confidence = 1)
{
    /// <summary>Checks the fields: a video name, a class ≥ 1, 1 ≤ Start ≤ End, a finite confidence.</summary>
    public void Validate(string what)
    {
        if (string.IsNullOrEmpty(Video)) throw new ArgumentException($"{what}: {nameof(Video)} is empty, expected a video name");
        if (Class < 1) throw new ArgumentException($"{what} in {Video}: {nameof(Class)} = {Class}, expected a class id ≥ 1");
        if (Start < 1 || End < Start) throw new ArgumentException($"{what} in {Video}: frames [{Start}, {End}], expected 1 ≤ {nameof(Start)} ≤ {nameof(End)}");
        if (!double.IsFinite(Confidence)) throw new ArgumentException($"{what} in {Video}: {nameof(Confidence)} = {Confidence}, expected a finite number");
    }
}
