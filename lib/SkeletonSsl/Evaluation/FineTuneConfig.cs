
namespace SkeletonSsl.Evaluation;

/// <summary>
/// Fine-tuning settings: every parameter trained with cross-entropy through a new
/// Linear(FeatureDim, classes) head. AimCLR ships no fine-tuning config (spec/aimclr.md §8.3), so
/// the defaults are a [recon]struction from SkeleMixCLR, the same group's sibling code base:
/// SGD nesterov, wd 1e-4, lr 0.1 with ×0.1 after epochs 50/70/90, 10-epoch linear warm-up,
/// 110 epochs, batch 128 — and, as AimCLR's processor, the model stays in eval mode while it
/// trains (BN statistics frozen, γ/β trained, dropout off; spec/aimclr.md §7), and the new head
/// starts from the reference weights_init, N(0, 0.02²) with bias 0 (§3.4–3.5).
/// <see cref="Supervised"/>: the same recipe in train mode, for an encoder that was never pre-trained.
/// <see cref="Cmd"/>: CMD's recipe (spec/pcm3.md §8.3–8.4: train mode, lr 0.01, wd 0, batch 64,
/// 80 epochs, ×0.1 after 50 and 70, head N(0, 0.01²)) on CMD's downstream crops (§8: random [0.5, 1]
/// crops for training, the 0.95 centre crop for testing, both resized to 64 frames).
/// </summary>
public sealed record FineTuneConfig
{
    public TrainingRecipe Recipe { get; init; } = new()
    {
        Epochs = 110, BatchSize = 128, LearningRate = 0.1, Milestones = [50, 70, 90],
        Nesterov = true, WeightDecay = 1e-4, WarmupEpochs = 10,
    };

    /// <summary>Keep the model in eval mode during training (AimCLR); false trains in train mode (CMD).</summary>
    public bool EvalModeDuringTraining { get; init; } = true;

    /// <summary>Cap on the total L2 norm of the gradients before each step; null = no clipping.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Initialisation of the new classifier; N(0, 0.02²) as AimCLR's weights_init (<see cref="HeadInit.Normal002"/>).</summary>
    public HeadInit HeadInit { get; init; } = HeadInit.Normal002;

    /// <summary>An augmentation preset drawn afresh for every training batch (e.g. <c>cmd-linear-train</c>); null: none.</summary>
    public string? TrainAugmentation { get; init; }

    /// <summary>
    /// A deterministic preset applied to the test clips (e.g. <c>cmd-test</c>), and to the training
    /// clips when there is no <see cref="TrainAugmentation"/>; null: none.
    /// </summary>
    public string? TestTransform { get; init; }

    /// <summary>[recon] SkeleMixCLR's fine-tuning recipe with AimCLR's processor (the defaults).</summary>
    public static FineTuneConfig SkeleMixClrRecon => new();

    /// <summary>
    /// Supervised training from scratch, the reconstructed ST-GCN rows of AimCLR Tables 5 and 8: the
    /// default recipe, but the model in train mode while it trains (BN statistics estimated, dropout
    /// on) and eval mode for testing. A random-init encoder has never estimated its BN statistics, so
    /// AimCLR's eval-mode fine-tuning would leave it normalising with mean 0 and variance 1.
    /// </summary>
    public static FineTuneConfig Supervised => new() { EvalModeDuringTraining = false };

    public static FineTuneConfig Cmd => new()
    {
        Recipe = new TrainingRecipe { Epochs = 80, BatchSize = 64, LearningRate = 0.01, Milestones = [50, 70] },
        EvalModeDuringTraining = false,
        HeadInit = HeadInit.Normal001,
        TrainAugmentation = "cmd-linear-train",
        TestTransform = "cmd-test",
    };

    public FineTuneConfig For(Profile profile) => this with { Recipe = Recipe.For(profile) };
}
