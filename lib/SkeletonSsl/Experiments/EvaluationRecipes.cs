using SkeletonSsl.Evaluation;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The recipe of each evaluation protocol for a method's encoders, at the paper's settings; protocols
/// take the profile's version (<c>.For(profile)</c>). <see cref="AimClr"/>: the AimCLR / SkeletonCLR recipes
/// (spec/aimclr.md §7-8); <see cref="Cmd"/>: the CMD recipes PCM3 and A2MC follow (spec/pcm3.md §8,
/// spec/a2mc.md §5.2-5.5).
/// </summary>
public sealed record EvaluationRecipes
{
    public LinearProbeConfig Linear { get; init; } = LinearProbeConfig.AimClr;
    public KnnConfig Knn { get; init; } = new();

    /// <summary>The semi-supervised recipe; the labelled fraction comes from the experiment (protocol option "labelled").</summary>
    public SemiSupervisedConfig Semi { get; init; } = SemiSupervisedConfig.AimClr(0.01);

    public FineTuneConfig FineTune { get; init; } = FineTuneConfig.SkeleMixClrRecon;
    public TsneConfig Tsne { get; init; } = new();

    public static EvaluationRecipes AimClr { get; } = new();

    /// <summary>CMD: linear lr 0.1 for 80 epochs, 1-NN retrieval, random-subset semi-supervision, full fine-tuning in train mode.</summary>
    public static EvaluationRecipes Cmd { get; } = new()
    {
        Linear = LinearProbeConfig.Cmd,
        Knn = KnnConfig.Cmd,
        Semi = SemiSupervisedConfig.Cmd(0.01),
        FineTune = FineTuneConfig.Cmd,
    };
}
