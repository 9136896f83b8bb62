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

    [Fact]
    public void The_smoke_preset_contrastive_loss_falls_on_the_smoke_synthetic_set()
    {
        var store = PreparedStore.Open(SyntheticSets.EnsurePrepared(Path.Combine(_root, "data"), SyntheticSize.Smoke, "aimclr"));
        using var train = store.Load("xsub", "train");
        var preset = PretrainPresets.Create("skeletonclr", Profile.Smoke);
        var config = preset with { Training = preset.Training with { Epochs = 6, LrSteps = [5], CheckpointEvery = 6 } };
        var result = Pretraining.Run(config, train, Path.Combine(_root, "run"), device: CPU);
        var first = result.Epochs[0].Loss;
        var last = result.Epochs[^1].Loss;
        Assert.True(last < first - 0.3, $"loss did not fall: epoch 1 {first:F3}, epoch {result.Epochs.Count} {last:F3}");
    }
}
