using SkeletonSsl.Data;
using SkeletonSsl.Data.Synthetic;
using SkeletonSsl.Experiments;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Experiments;

/// <summary>The Smoke preset's ST-GCN really learns on the Smoke synthetic set: its contrastive loss falls.</summary>
[Collection(SkeletonSsl.Tests.Training.GlobalRngCollection.Name)]
public sealed class SmokeLearningTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skeletonssl-smoke-learning-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// MoCo's loss rises while its queue fills with real keys, so the check compares the last epoch
    /// with the same run at a negligible learning rate (same init, data order, views and queue).
    /// </summary>
    [Fact]
    public void The_smoke_preset_ends_with_a_lower_contrastive_loss_than_the_same_run_without_learning()
    {
        var store = PreparedStore.Open(SyntheticSets.EnsurePrepared(Path.Combine(_root, "data"), SyntheticSize.Smoke, "aimclr"));
        using var train = store.Load("xsub", "train");
        var preset = PretrainPresets.Create("skeletonclr", Profile.Smoke);
        var config = preset with { Training = preset.Training with { Epochs = 4, LrSteps = [4], CheckpointEvery = 4 } };
        double LastLoss(PretrainConfig c, string name) => Pretraining.Run(c, train, Path.Combine(_root, name), device: CPU).Epochs[^1].Loss;
        var trained = LastLoss(config, "trained");
        var frozen = LastLoss(config with { Training = config.Training with { LearningRate = 1e-6 } }, "frozen");
        Assert.True(trained < frozen - 0.3, $"no learning: last-epoch loss {trained:F3} trained vs {frozen:F3} at lr 1e-6");
    }
}
