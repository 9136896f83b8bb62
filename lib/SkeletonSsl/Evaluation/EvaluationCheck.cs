namespace SkeletonSsl.Evaluation;

/// <summary>One test evaluation during training: after the 1-based Epoch, with the mean training loss of that epoch.</summary>
public sealed record EvaluationCheck(int Epoch, double Top1, double Top5, double TrainLoss, double LearningRate);
