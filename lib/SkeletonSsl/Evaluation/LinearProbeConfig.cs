
namespace SkeletonSsl.Evaluation;

/// <summary>
/// Linear evaluation settings. Defaults: AimCLR's (spec/aimclr.md §8.2: SGD momentum 0.9, wd 0,
/// lr 3.0 → 0.3 after epoch 80, 100 epochs, test every 5, batch 128, head N(0, 0.02²) with bias 0 as
/// the reference's weights_init leaves it, §3.4–3.5; <see cref="HeadInit.PyTorchDefault"/> is the kit's earlier choice).
/// <see cref="Cmd"/>: the CMD protocol PCM3 and A2MC follow (spec/pcm3.md §8.1: lr 0.1, ×0.1 after
/// epochs 50 and 70, 80 epochs, batch 64, head N(0, 0.01²)), trained on random [0.5, 1] crops and
/// tested on the 0.95 centre crop, both resized to 64 frames (§8, spec/a2mc.md §5.2).
/// </summary>
public sealed record LinearProbeConfig
{
    public TrainingRecipe Recipe { get; init; } = new();
    public HeadInit HeadInit { get; init; } = HeadInit.Normal002;

    /// <summary>Batch size for feature extraction (no effect on the result).</summary>
    public int FeatureBatchSize { get; init; } = 256;

    /// <summary>
    /// An augmentation preset (<see cref="Augmentations.AugmentationPresets"/>) drawn afresh for every
    /// training batch, e.g. <c>cmd-linear-train</c>; the frozen encoder then runs on every batch (eval
    /// mode, no gradients) instead of on cached features. Null (AimCLR): no augmentation, features cached.
    /// </summary>
    public string? TrainAugmentation { get; init; }

    /// <summary>
    /// A deterministic preset applied to the test clips, e.g. <c>cmd-test</c> (the 0.95 centre crop);
    /// also to the training clips when there is no <see cref="TrainAugmentation"/>. Null: none.
    /// </summary>
    public string? TestTransform { get; init; }

    public static LinearProbeConfig AimClr => new();

    public static LinearProbeConfig Cmd => new()
    {
        Recipe = new TrainingRecipe { Epochs = 80, BatchSize = 64, LearningRate = 0.1, Milestones = [50, 70] },
        HeadInit = HeadInit.Normal001,
        TrainAugmentation = "cmd-linear-train",
        TestTransform = "cmd-test",
    };

    public LinearProbeConfig For(Profile profile) => this with { Recipe = Recipe.For(profile) };
}
