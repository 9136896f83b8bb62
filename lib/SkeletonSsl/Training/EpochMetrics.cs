namespace SkeletonSsl.Training;

/// <summary>One row of metrics.csv: epoch means of the loss and its terms, the rate, the throughput.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double LearningRate,
    double Loss,
    IReadOnlyList<KeyValuePair<string, double>> Terms,
    double SamplesPerSecond,
    double Seconds);
