namespace SkeletonSsl.Training;

/// <summary>
/// Training stopped because the loss became NaN or infinite. The model was not updated with that
/// step; <see cref="LastCheckpoint"/> (when not null) is the last good state to resume from.
/// </summary>
public sealed class NonFiniteLossException(int epoch, int step, double loss, string? lastCheckpoint, string terms)
    : Exception($"the loss became {loss} at epoch {epoch}, step {step} ({terms}); training stopped before applying that step. " +
                (lastCheckpoint is null
                    ? "No checkpoint had been written yet."
                    : $"The last good checkpoint is kept: {lastCheckpoint} (lower the learning rate and resume from it)."))
{
    public int Epoch { get; } = epoch;
    public int Step { get; } = step;
    public double Loss { get; } = loss;
    public string? LastCheckpoint { get; } = lastCheckpoint;
}
