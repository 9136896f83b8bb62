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

    /// <summary>Action detection on untrimmed recordings (PCM3 Table 5; spec/pcm3.md §8.7); the same recipe for every method.</summary>
    public Evaluation.Detection.DetectionConfig Detection { get; init; } = Evaluation.Detection.DetectionConfig.Paper;

    /// <summary>
    /// The weights of the streams' logits in a three-stream ("3s-") experiment, which <see cref="ExperimentSpec.ThreeStream"/>
    /// copies into the spec: AimCLR's 0.6 joint, 0.6 bone, 0.4 motion (AimCLR §4.2); CMD's plain average (spec/pcm3.md §8.1).
    /// </summary>
    public FusionWeights Fusion { get; init; } = FusionWeights.AimClr;

    public static EvaluationRecipes AimClr { get; } = new();

    /// <summary>
    /// CMD (spec/pcm3.md §8.1-8.4): linear lr 0.1 for 80 epochs on [0.5, 1] random crops, tested on the 0.95 centre crop;
    /// 1-NN cosine retrieval on centre-crop features; semi-supervision on random subsets averaged over 5 runs; full
    /// fine-tuning in train mode at lr 0.01; three streams fused by the average of their class scores.
    /// </summary>
    public static EvaluationRecipes Cmd { get; } = new()
    {
        Linear = LinearProbeConfig.Cmd,
        Knn = KnnConfig.Cmd,
        Semi = SemiSupervisedConfig.Cmd(0.01),
        FineTune = FineTuneConfig.Cmd,
        Fusion = FusionWeights.Mean,
    };
}
