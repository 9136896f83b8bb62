using SkeletonSsl.Data;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class StGcnLinearProbeTests
{
    [Fact]
    public void Linear_probe_on_a_smoke_size_st_gcn_separates_separable_clips()
    {
        var g = new Generator(71);
        const int classes = 3, perTrain = 8, perTest = 4, t = 8;
        var means = randn([classes, 3, t, 25, 2], generator: g);
        SkeletonDataset Make(int perClass, string prefix)
        {
            var labels = Enumerable.Range(0, classes * perClass).Select(i => (long)(i % classes)).ToArray();
            var data = means.index_select(0, tensor(labels)) + 0.3 * randn([labels.Length, 3, t, 25, 2], generator: g);
            return new SkeletonDataset(data, labels, labels.Select((_, i) => $"{prefix}{i}").ToArray(), classes);
        }
        using var train = Make(perTrain, "tr");
        using var test = Make(perTest, "te");
        using var encoder = new StGcnEncoder(StGcnConfig.FromBaseWidth(4, 16) with { MlpHead = false, Dropout = 0 }, new Generator(72));
        // A random-init ST-GCN in eval mode has vanishing features (N(0, 0.02) convolutions, unit BN
        // statistics): estimate the BN running statistics (cumulative average over one pass), as
        // pre-training would have, then freeze them.
        foreach (var bn in encoder.modules().OfType<TorchSharp.Modules.NormBase>())
        {
            bn.reset_running_stats();
            bn.momentum = null;
        }
        encoder.train();
        using (no_grad()) encoder.Features(train.Data).Dispose();
        // The paper's recipe (100 epochs, lr 3.0 → 0.3) with batch 8: cheap on cached features.
        var config = LinearProbeConfig.AimClr with { Recipe = LinearProbeConfig.AimClr.Recipe with { BatchSize = 8 } };
        var result = LinearProbe.Run(encoder, train, test, SkeletonStream.Joint, config, new Generator(73), CPU);
        Assert.True(result.Top1 > 0.9, $"top-1 {result.Top1}");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
        Assert.Equal(16, encoder.FeatureDim);
    }
}
