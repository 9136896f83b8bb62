
namespace SkeletonSsl.Evaluation;

/// <summary>
/// Semi-supervised settings: the labelled fraction (0.01 or 0.1 in the papers), how the subset is
/// drawn and its seed (AimCLR's main-process seed is 0), and the fine-tuning recipe. AimCLR ships
/// no semi config (spec/aimclr.md §8.4), so the default recipe is a [recon]struction from
/// SkeleMixCLR: lr 0.05, ×0.1 after epoch 40, 150 epochs, wd 0, batch 128, SGD momentum 0.9
/// nesterov (the processor's default), gradient norm clipped at 2.0, model in eval mode, head
/// N(0, 0.02²) (spec/aimclr.md §3.4–3.5).
/// <see cref="Cmd"/>: CMD's random subset and its fine-tuning recipe (spec/pcm3.md §8.3).
/// </summary>
public sealed record SemiSupervisedConfig
{
    public double Fraction { get; init; } = 0.01;
    public SemiSupervisedSelection Selection { get; init; } = SemiSupervisedSelection.PerClass;
    public int SelectionSeed { get; init; }

    /// <summary>
    /// Per-class selection: at least this many clips per class. 0 (the reference rule) for the Paper
    /// profile; 1 for Smoke and Quick, whose synthetic classes hold a few dozen clips, so that
    /// round(0.01·n_c) does not leave a class, or the whole subset, empty.
    /// </summary>
    public int MinPerClass { get; init; }

    public FineTuneConfig Training { get; init; } = new()
    {
        Recipe = new TrainingRecipe { Epochs = 150, BatchSize = 128, LearningRate = 0.05, Milestones = [40], Nesterov = true, WeightDecay = 0 },
        EvalModeDuringTraining = true,
        GradientClipNorm = 2.0,
    };

    /// <summary>AimCLR's selection with the [recon] SkeleMixCLR recipe at the given fraction.</summary>
    public static SemiSupervisedConfig AimClr(double fraction) => new() { Fraction = fraction };

    /// <summary>CMD: a uniformly random subset, fine-tuned with CMD's recipe in train mode.</summary>
    public static SemiSupervisedConfig Cmd(double fraction) => new()
    {
        Fraction = fraction,
        Selection = SemiSupervisedSelection.Random,
        Training = FineTuneConfig.Cmd,
    };

    public SemiSupervisedConfig For(Profile profile) =>
        this with { Training = Training.For(profile), MinPerClass = profile == Profile.Paper ? MinPerClass : Math.Max(MinPerClass, 1) };
}
