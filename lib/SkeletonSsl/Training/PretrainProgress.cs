namespace SkeletonSsl.Training;

/// <summary>
/// Reported after every step: where the run is (epoch 1-based, step 1-based within the epoch),
/// the step's loss, the learning rate and the epoch's throughput so far (samples/s).
/// </summary>
public sealed record PretrainProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    double Loss,
    double LearningRate,
    double SamplesPerSecond);
