namespace SkeletonSsl.Training.Checkpoints;

/// <summary>
/// A checkpoint that does not fit the module: thrown by a strict load, before anything is copied.
/// The message names every missing key, unexpected key and shape mismatch.
/// </summary>
public sealed class CheckpointMismatchException(string source, StateDictLoadReport report)
    : ArgumentException($"{source}: checkpoint does not match the model ({report.Describe()}); " +
                        "pass a prefix for a whole pre-training checkpoint, or allow a partial load")
{
    public StateDictLoadReport Report { get; } = report;
}
