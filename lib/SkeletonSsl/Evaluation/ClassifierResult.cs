using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Outcome of a protocol that trains a classifier (linear probe, semi-supervised, fine-tuning).
/// Top1/Top5 are the best of the periodic checks, as the references report them (model selection
/// on the test set, spec/aimclr.md §11.10); FinalTop1/FinalTop5 are the last epoch's. BestLogits
/// are the raw test logits of the best check keyed by sample name — the input of three-stream
/// fusion — and Labels the true class of each of those samples. Accuracies are fractions.
/// </summary>
public sealed record ClassifierResult(
    string Protocol,
    SkeletonStream Stream,
    double Top1,
    double Top5,
    int BestEpoch,
    double FinalTop1,
    double FinalTop5,
    int TrainCount,
    int TestCount,
    IReadOnlyList<EvaluationCheck> History,
    IReadOnlyDictionary<string, float[]> BestLogits,
    IReadOnlyDictionary<string, long> Labels);
