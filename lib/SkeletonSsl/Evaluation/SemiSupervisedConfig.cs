
namespace SkeletonSsl.Evaluation;

/// <summary>
/// Semi-supervised settings: the labelled fraction (0.01 or 0.1 in the papers), how the subset is
/// drawn and its seed (AimCLR's main-process seed is 0), and the fine-tuning recipe. AimCLR ships
/// no semi config (spec/aimclr.md §8.4), so the default recipe is a [recon]struction from
/// SkeleMixCLR: lr 0.05, ×0.1 after epoch 40, 150 epochs, wd 0, batch 128, SGD momentum 0.9
/// nesterov (the processor's default), gradient norm clipped at 2.0, model in eval mode, head
/// N(0, 0.02²) (spec/aimclr.md §3.4–3.5).
/// <see cref="Cmd"/>: CMD's random subset and its fine-tuning recipe (spec/pcm3.md §8.3), averaged over
/// <see cref="Runs"/> = 5 runs, each with a new subset.
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

    /// <summary>
    /// Independent runs whose top-1 the protocol averages: run r draws its subset with seed
    /// <see cref="SelectionSeed"/> + r and fine-tunes a fresh copy of the pre-trained encoder (spec/pcm3.md §8.3:
    /// CMD draws a new subset per run, 5 runs, mean reported). 1 (AimCLR's single run) by default. The reduced
    /// profiles run at most 2 (a choice of the kit, for time; two still average).
    /// </summary>
    public int Runs { get; init; } = 1;

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
        Runs = 5,
    };

    public SemiSupervisedConfig For(Profile profile) => profile == Profile.Paper
        ? this with { Training = Training.For(profile) }
        : this with
        {
            Training = Training.For(profile),
            MinPerClass = Math.Max(MinPerClass, 1),
            Runs = Math.Min(Runs, 2),
        };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (Fraction is <= 0 or > 1) throw new ArgumentException($"{nameof(SemiSupervisedConfig)}.{nameof(Fraction)} = {Fraction}: expected a fraction in (0, 1]");
        if (MinPerClass < 0) throw new ArgumentException($"{nameof(SemiSupervisedConfig)}.{nameof(MinPerClass)} = {MinPerClass}: expected 0 or more");
        if (Runs < 1) throw new ArgumentException($"{nameof(SemiSupervisedConfig)}.{nameof(Runs)} = {Runs}: expected at least 1 run");
    }
}
