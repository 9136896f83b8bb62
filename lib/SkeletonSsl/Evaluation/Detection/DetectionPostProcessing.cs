namespace SkeletonSsl.Evaluation.Detection;

/// <summary>
/// How per-frame class probabilities become segments (spec/pcm3.md §8.7): a mean filter over
/// [i − <see cref="Radius"/>, i + <see cref="Radius"/>) clipped to the recording, the activity 1 − p(background) kept where it is
/// ≥ <see cref="ActivityThreshold"/>, contiguous active frames forming one segment.
/// </summary>
public sealed record DetectionPostProcessing(int Radius = 10, double ActivityThreshold = 0.4)
{
    public void Validate()
    {
        if (Radius < 1) throw new ArgumentException($"{nameof(DetectionPostProcessing)}.{nameof(Radius)} = {Radius}: expected at least 1 frame");
        if (!double.IsFinite(ActivityThreshold) || ActivityThreshold is <= 0 or > 1)
            throw new ArgumentException($"{nameof(DetectionPostProcessing)}.{nameof(ActivityThreshold)} = {ActivityThreshold}: expected a probability in (0, 1]");
    }
}
