using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class LinearProbeTests
{
    private static readonly LinearProbeConfig Smoke = LinearProbeConfig.AimClr.For(Profile.Smoke) with
    {
        Recipe = LinearProbeConfig.AimClr.Recipe.For(Profile.Smoke) with { BatchSize = 32, LearningRate = 0.5 },
    };

    [Fact]
    public void Linear_probe_is_near_perfect_on_separable_clips_and_the_loss_falls()
    {
        var (train, test) = SyntheticClips.Separable(40, 20, 5, noise: 0.5, seed: 11);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 32, seed: 12);
        var result = LinearProbe.Run(encoder, train, test, SkeletonStream.Joint, Smoke, new Generator(13), CPU);
        Assert.True(result.Top1 > 0.97, $"top-1 {result.Top1}");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
        Assert.Equal([5, 10], result.History.Select(h => h.Epoch));
        Assert.Equal(test.Count, result.BestLogits.Count);
        Assert.Equal(5, result.BestLogits[test.Names[0]].Length);
        Assert.Equal(test.Labels[7], result.Labels[test.Names[7]]);
    }

    [Fact]
    public void Linear_probe_is_near_chance_on_random_labels()
    {
        var (train, test) = SyntheticClips.RandomLabels(300, 300, 4, seed: 14);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 32, seed: 15);
        var result = LinearProbe.Run(encoder, train, test, SkeletonStream.Joint, Smoke, new Generator(16), CPU);
        Assert.InRange(result.FinalTop1, 0.12, 0.38);
    }

    [Fact]
    public void The_reported_top1_is_the_best_check_and_its_logits_are_kept()
    {
        var (train, test) = SyntheticClips.Separable(20, 10, 3, noise: 2.0, seed: 17);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 18);
        var config = Smoke with { Recipe = Smoke.Recipe with { EvalEvery = 1 } };
        var result = LinearProbe.Run(encoder, train, test, SkeletonStream.Bone, config, new Generator(19), CPU);
        Assert.Equal(result.History.Max(h => h.Top1), result.Top1);
        Assert.Equal(result.History.First(h => h.Top1 == result.Top1).Epoch, result.BestEpoch);
        Assert.Equal(result.History[^1].Top1, result.FinalTop1);
        var rows = test.Names.Select(n => result.BestLogits[n]).ToArray();
        Assert.Equal(result.Top1, Metrics.TopKAccuracy(rows, test.Labels, 1), 9);
    }

    [Fact]
    public void Installing_the_head_makes_the_encoder_return_the_best_checks_logits()
    {
        var (train, test) = SyntheticClips.Separable(20, 10, 3, noise: 0.5, seed: 20);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 21);
        var result = LinearProbe.Run(encoder, train, test, SkeletonStream.Motion, Smoke, new Generator(22), CPU, installHead: true);
        encoder.eval();
        using var logits = encoder.call(Streams.Apply(SkeletonStream.Motion, test.Data));
        Assert.Equal(result.BestLogits[test.Names[3]], logits[3].data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Fact]
    public void The_same_seed_gives_the_same_result()
    {
        var (train, test) = SyntheticClips.Separable(10, 5, 3, noise: 1.0, seed: 23);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 24);
        var a = LinearProbe.Run(encoder, train, test, SkeletonStream.Joint, Smoke, new Generator(25), CPU);
        var b = LinearProbe.Run(encoder, train, test, SkeletonStream.Joint, Smoke, new Generator(25), CPU);
        Assert.Equal(a.History.Select(h => h.TrainLoss), b.History.Select(h => h.TrainLoss));
    }

    [Fact]
    public void The_schedules_match_AimClr_and_Cmd()
    {
        var aim = LinearProbeConfig.AimClr.Recipe;
        Assert.Equal(3.0, aim.LearningRateAt(80), 12);
        Assert.Equal(0.3, aim.LearningRateAt(81), 12);
        Assert.Equal(100, aim.Epochs);
        var cmd = LinearProbeConfig.Cmd.Recipe;
        Assert.Equal(0.1, cmd.LearningRateAt(50), 12);
        Assert.Equal(0.01, cmd.LearningRateAt(51), 12);
        Assert.Equal(0.001, cmd.LearningRateAt(71), 12);
        var ft = FineTuneConfig.SkeleMixClrRecon.Recipe;
        Assert.Equal(0.01, ft.LearningRateAt(1), 12);   // warm-up 1/10 of 0.1
        Assert.Equal(0.1, ft.LearningRateAt(10), 12);
        Assert.Equal(new[] { 8 }, aim.For(Profile.Smoke).Milestones);
        Assert.Same(aim, aim.For(Profile.Paper));
    }
}
