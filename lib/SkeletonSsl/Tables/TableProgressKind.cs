using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>What just happened in a table run (the event a <see cref="TableProgress"/> snapshot reports).</summary>
public enum TableProgressKind
{
    TableStarted,
    ExperimentStarted,
    ExperimentWaiting,
    ExperimentReused,
    ExperimentSkipped,
    ExperimentFinished,
    PretrainStarted,
    PretrainStep,
    PretrainEpoch,
    PretrainFinished,
    EvaluationStarted,
    EvaluationStep,
    TableFinished,
}
