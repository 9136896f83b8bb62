using SkeletonSsl.Data;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

/// <summary>
/// Which BatchNorm statistics each protocol moves on a random-init ST-GCN: supervised training
/// estimates them (train mode), AimCLR's eval-mode fine-tuning and the linear probe keep them.
/// </summary>
public sealed class SupervisedFineTuneTests
{
    private const int Classes = 3;

    private static (SkeletonDataset Train, SkeletonDataset Test) Clips()
    {
        var g = new Generator(81);
        var means = randn([Classes, 3, 8, 25, 2], generator: g);
        SkeletonDataset Make(int perClass, string prefix)
        {
            var labels = Enumerable.Range(0, Classes * perClass).Select(i => (long)(i % Classes)).ToArray();
            var data = 2 + means.index_select(0, tensor(labels)) + 0.3 * randn([labels.Length, 3, 8, 25, 2], generator: g);
            return new SkeletonDataset(data, labels, labels.Select((_, i) => $"{prefix}{i}").ToArray(), Classes);
        }
        return (Make(6, "tr"), Make(2, "te"));
    }

    private static StGcnEncoder RandomInit() =>
        new(StGcnConfig.FromBaseWidth(4, 16) with { MlpHead = false }, new Generator(82));

    private static readonly TrainingRecipe TwoEpochs = new() { Epochs = 2, BatchSize = 6, LearningRate = 0.01, Milestones = [], EvalEvery = 1 };

    /// <summary>Running means and variances of every BatchNorm (data_bn and the blocks'), by state-dict key.</summary>
    private static Dictionary<string, Tensor> RunningStats(StGcnEncoder encoder) =>
        encoder.state_dict().Where(p => p.Key.EndsWith("running_mean") || p.Key.EndsWith("running_var"))
               .ToDictionary(p => p.Key, p => p.Value.clone());

    private static int Moved(Dictionary<string, Tensor> before, Dictionary<string, Tensor> after) =>
        before.Count(p => !p.Value.allclose(after[p.Key], 0, 0));

    [Fact]
    public void Supervised_fine_tuning_of_a_random_init_encoder_estimates_every_BN_statistic()
    {
        var (train, test) = Clips();
        using var encoder = RandomInit();
        var before = RunningStats(encoder);
        var config = FineTuneConfig.Supervised with { Recipe = TwoEpochs };
        Assert.False(config.EvalModeDuringTraining);
        FineTune.Run(encoder, train, test, SkeletonStream.Joint, config, new Generator(83), CPU);
        var after = RunningStats(encoder);
        Assert.Equal(before.Count, Moved(before, after));
        Assert.True(after["data_bn.running_mean"].abs().mean().item<float>() > 0.5f);   // moving towards the inputs' mean ≈ 2
        Assert.False(encoder.training);                                                   // left in eval mode for testing
    }

    [Fact]
    public void Eval_mode_fine_tuning_and_the_linear_probe_keep_the_BN_statistics()
    {
        var (train, test) = Clips();
        using var tuned = RandomInit();
        var before = RunningStats(tuned);
        FineTune.Run(tuned, train, test, SkeletonStream.Joint, FineTuneConfig.SkeleMixClrRecon with { Recipe = TwoEpochs }, new Generator(83), CPU);
        Assert.Equal(0, Moved(before, RunningStats(tuned)));

        using var probed = RandomInit();
        LinearProbe.Run(probed, train, test, SkeletonStream.Joint, LinearProbeConfig.AimClr with { Recipe = TwoEpochs }, new Generator(84), CPU);
        Assert.Equal(0, Moved(before, RunningStats(probed)));
    }

    [Fact]
    public void Supervised_fine_tuning_tests_in_eval_mode()
    {
        // Every test pass must see the same network: a check of the tuned encoder in eval mode
        // reproduces the final test top-1 exactly (dropout off, running statistics used).
        var (train, test) = Clips();
        using var encoder = RandomInit();
        var result = FineTune.Run(encoder, train, test, SkeletonStream.Joint, FineTuneConfig.Supervised with { Recipe = TwoEpochs }, new Generator(85), CPU);
        using var _ = no_grad();
        var logits = encoder.call(test.Data);
        var correct = logits.argmax(1).eq(tensor(test.Labels.ToArray())).sum().item<long>();
        Assert.Equal(result.FinalTop1, (double)correct / test.Count, 6);
    }
}
