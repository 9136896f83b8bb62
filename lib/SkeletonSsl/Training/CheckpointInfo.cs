namespace SkeletonSsl.Training;

/// <summary>
/// The header of a pre-training checkpoint: the last finished epoch (1-based), the global step,
/// the run config's hash, and the random states needed to continue bit-for-bit on the CPU (the
/// run's generator and torch's default generator, which dropout uses), base64-encoded.
/// </summary>
public sealed record CheckpointInfo(
    int Epoch,
    long GlobalStep,
    string ConfigHash,
    string GeneratorState,
    string TorchRngState,
    DateTimeOffset SavedAt);
