namespace SkeletonSsl.Training;

/// <summary>
/// Training stopped because the loss became NaN or infinite. The model was not updated with that
/// step; <see cref="LastCheckpoint"/> (when not null) is the last good state to resume from. The
/// message starts with the run folder, so a user knows which run stopped.
/// </summary>
public sealed class NonFiniteLossException(int epoch, int step, double loss, string? lastCheckpoint, string terms, string? runDirectory = null)
    : Exception((runDirectory is null ? "" : $"{runDirectory}: ") +
                $"the loss became {loss} at epoch {epoch}, step {step} ({terms}); training stopped before applying that step. " +
                (lastCheckpoint is null
                    ? "No checkpoint had been written yet."
                    : $"The last good checkpoint is kept: {lastCheckpoint} (lower the learning rate and resume from it)."))
{
    public int Epoch { get; } = epoch;
    public int Step { get; } = step;
    public double Loss { get; } = loss;
    public string? LastCheckpoint { get; } = lastCheckpoint;

    /// <summary>The epochs that finished before the loss broke (the count run.json records).</summary>
    public int EpochsDone => Epoch - 1;
}
