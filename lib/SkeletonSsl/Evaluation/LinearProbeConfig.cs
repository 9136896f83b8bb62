
namespace SkeletonSsl.Evaluation;

/// <summary>
/// Linear evaluation settings. Defaults: AimCLR's (spec/aimclr.md §8.2: SGD momentum 0.9, wd 0,
/// lr 3.0 → 0.3 after epoch 80, 100 epochs, test every 5, batch 128, head N(0, 0.02²) with bias 0 as
/// the reference's weights_init leaves it, §3.4–3.5; <see cref="HeadInit.PyTorchDefault"/> is the kit's earlier choice).
/// <see cref="Cmd"/>: the CMD protocol PCM3 and A2MC follow (spec/pcm3.md §8.1: lr 0.1, ×0.1 after
/// epochs 50 and 70, 80 epochs, batch 64, head N(0, 0.01²)).
/// </summary>
public sealed record LinearProbeConfig
{
    public TrainingRecipe Recipe { get; init; } = new();
    public HeadInit HeadInit { get; init; } = HeadInit.Normal002;

    /// <summary>Batch size for feature extraction (no effect on the result).</summary>
    public int FeatureBatchSize { get; init; } = 256;

    public static LinearProbeConfig AimClr => new();

    public static LinearProbeConfig Cmd => new()
    {
        Recipe = new TrainingRecipe { Epochs = 80, BatchSize = 64, LearningRate = 0.1, Milestones = [50, 70] },
        HeadInit = HeadInit.Normal001,
    };

    public LinearProbeConfig For(Profile profile) => this with { Recipe = Recipe.For(profile) };
}
