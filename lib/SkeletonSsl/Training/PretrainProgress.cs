namespace SkeletonSsl.Training;

/// <summary>
/// Reported after every step: where the run is (epoch 1-based, step 1-based within the epoch),
/// the step's loss, the learning rate, the epoch's throughput so far (samples/s) and the step's
/// named loss terms (the method's <c>StepOutput.Terms</c>, e.g. AimCLR's "infonce", "d3m"; empty when it has none).
/// </summary>
public sealed record PretrainProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    double Loss,
    double LearningRate,
    double SamplesPerSecond,
    IReadOnlyList<KeyValuePair<string, double>>? Terms = null);
