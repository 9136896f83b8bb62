namespace SkeletonSsl.Evaluation.Detection;

/// <summary>
/// Settings of action detection on untrimmed recordings (PCM3 §4.3 item 4, Table 5; spec/pcm3.md §8.7, after
/// Simple-Skeleton-Detection): SGD Nesterov, momentum 0.9, weight decay 0, lr 0.01 ×0.1 after epoch 40, 60 epochs,
/// batch 64; per epoch 16 training windows per recording (<see cref="DetectionWindows"/>); a Linear(FeatureDim, classes + 2)
/// head (53 outputs on PKU-MMD's 51 classes: background, the classes and one unused, as the released code); the paper's
/// whole-model fine-tuning by default (<see cref="DetectionMode"/>); the post-processing of §8.7 and the official
/// evaluator at overlap 0.5 (spec/data.md §5.6).
/// </summary>
public sealed record DetectionConfig
{
    public TrainingRecipe Recipe { get; init; } = new()
    {
        Epochs = 60, BatchSize = 64, LearningRate = 0.01, Milestones = [40], Nesterov = true, WeightDecay = 0, EvalEvery = 60, DropLast = false,
    };

    /// <summary>The paper's whole-model fine-tuning, or the released code's linear layer on a frozen encoder.</summary>
    public DetectionMode Mode { get; init; } = DetectionMode.FineTune;

    /// <summary>Training windows drawn per recording and epoch (spec: 16).</summary>
    public int WindowsPerVideo { get; init; } = 16;

    /// <summary>Outputs beyond the action classes: background plus the released code's one unused output (51 classes → 53).</summary>
    public int ExtraOutputs { get; init; } = 2;

    /// <summary>The new head's initialisation: PyTorch's Linear default, as the released code's nn.Linear.</summary>
    public HeadInit HeadInit { get; init; } = HeadInit.PyTorchDefault;

    /// <summary>Mean filter, activity threshold (§8.7).</summary>
    public DetectionPostProcessing PostProcessing { get; init; } = new();

    /// <summary>The overlap threshold of mAP_a and mAP_v (Table 5: 0.5).</summary>
    public double Threshold { get; init; } = PkuMmdEvaluator.DefaultThreshold;

    /// <summary>Test windows per forward pass (memory only; the result does not depend on it).</summary>
    public int TestBatchSize { get; init; } = 1024;

    public static DetectionConfig Paper { get; } = new();

    /// <summary>
    /// The recipe at a profile: Paper unchanged; Quick 30 and Smoke 10 epochs with the milestone scaled
    /// (<see cref="TrainingRecipe.For"/>); Quick draws 32 windows per recording and epoch so that its half-length schedule
    /// still takes as many steps (a reduced-profile choice, not the paper's).
    /// </summary>
    public DetectionConfig For(Profile profile) => this with
    {
        Recipe = Recipe.For(profile) with { EvalEvery = Recipe.For(profile).Epochs },
        WindowsPerVideo = profile == Profile.Quick ? 2 * WindowsPerVideo : WindowsPerVideo,
    };

    public void Validate()
    {
        Recipe.Validate();
        PostProcessing.Validate();
        if (WindowsPerVideo < 1) throw new ArgumentException($"{nameof(DetectionConfig)}.{nameof(WindowsPerVideo)} = {WindowsPerVideo}: expected at least 1");
        if (ExtraOutputs < 1) throw new ArgumentException($"{nameof(DetectionConfig)}.{nameof(ExtraOutputs)} = {ExtraOutputs}: expected at least 1 (the background output)");
        if (TestBatchSize < 1) throw new ArgumentException($"{nameof(DetectionConfig)}.{nameof(TestBatchSize)} = {TestBatchSize}: expected at least 1");
        if (!double.IsFinite(Threshold) || Threshold is <= 0 or > 1) throw new ArgumentException($"{nameof(DetectionConfig)}.{nameof(Threshold)} = {Threshold}: expected an overlap in (0, 1]");
    }
}
