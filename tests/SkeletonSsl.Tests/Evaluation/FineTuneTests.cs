using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class FineTuneTests
{
    private static readonly FineTuneConfig Smoke = FineTuneConfig.SkeleMixClrRecon.For(Profile.Smoke) with
    {
        Recipe = FineTuneConfig.SkeleMixClrRecon.Recipe.For(Profile.Smoke) with { BatchSize = 32, LearningRate = 0.05 },
    };

    [Fact]
    public void Fine_tuning_is_near_perfect_on_separable_clips()
    {
        var (train, test) = SyntheticClips.Separable(30, 20, 4, noise: 0.8, seed: 31);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 32, seed: 32);
        var result = FineTune.Run(encoder, train, test, SkeletonStream.Joint, Smoke, new Generator(33), CPU);
        Assert.True(result.Top1 > 0.95, $"top-1 {result.Top1}");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
    }

    [Fact]
    public void Fine_tuning_on_random_labels_stays_near_chance_on_the_test_split()
    {
        var (train, test) = SyntheticClips.RandomLabels(200, 300, 4, seed: 34);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 32, seed: 35);
        var result = FineTune.Run(encoder, train, test, SkeletonStream.Joint, Smoke, new Generator(36), CPU);
        Assert.InRange(result.FinalTop1, 0.12, 0.38);
    }

    [Fact]
    public void Eval_mode_fine_tuning_trains_the_backbone_but_keeps_BN_statistics()
    {
        var (train, test) = SyntheticClips.Separable(10, 5, 3, noise: 0.5, seed: 37);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 38);
        var before = encoder.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        FineTune.Run(encoder, train, test, SkeletonStream.Joint, Smoke, new Generator(39), CPU);
        var after = encoder.state_dict();
        Assert.True(before["bn.running_mean"].allclose(after["bn.running_mean"], 0, 0));
        Assert.False(before["proj.weight"].allclose(after["proj.weight"], 0, 0));

        using var other = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 38);
        FineTune.Run(other, train, test, SkeletonStream.Joint, Smoke with { EvalModeDuringTraining = false }, new Generator(39), CPU);
        Assert.False(before["bn.running_mean"].allclose(other.state_dict()["bn.running_mean"], 0, 0));
    }
}
