namespace SkeletonSsl.Evaluation;

/// <summary>
/// Outcome of the motion-prediction protocol (<see cref="MotionPrediction"/>). Errors are MPJPE in millimetres:
/// <see cref="Mpjpe"/> the mean over the predicted frames (PCM3 Table 6's number), <see cref="PerFrame"/> frame by frame
/// (1-based frame k at index k − 1), and the same for the zero-velocity baseline (every future frame = the last seed
/// frame; Martinez et al.'s strong baseline) on the same test windows. Clip counts are those with enough valid frames
/// for a window (seed + predicted); shorter clips are left out and counted. <see cref="Losses"/>: the training loss
/// (standardised squared error) averaged over each logging interval, at its last iteration.
/// </summary>
public sealed record MotionPredictionResult(
    double Mpjpe,
    IReadOnlyList<double> PerFrame,
    double ZeroVelocity,
    IReadOnlyList<double> ZeroVelocityPerFrame,
    int TrainClips,
    int TestClips,
    int ExcludedTrainClips,
    int ExcludedTestClips,
    IReadOnlyList<(int Iteration, double Loss)> Losses,
    MotionPredictionExample? Example);
