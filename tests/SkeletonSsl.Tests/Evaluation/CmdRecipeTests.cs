using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Tests.Evaluation;

/// <summary>The CMD recipes that PCM3 (and A2MC) are evaluated with, against spec/pcm3.md §8.1-8.4, and the parts they rely on.</summary>
public sealed class CmdRecipeTests
{
    private static readonly EvaluationRecipes Cmd = EvaluationRecipes.Cmd;

    [Fact]
    public void The_pcm3_config_is_evaluated_with_the_cmd_recipes()
    {
        Assert.Equal(Cmd, Pcm3Config.Paper.Recipes);
        Assert.Equal(Cmd, SkeletonClrConfig.Gru.Recipes);
    }

    [Fact]
    public void Linear_is_lr_0_1_for_80_epochs_stepped_at_50_and_70_on_random_crops_tested_on_the_centre_crop()
    {
        var r = Cmd.Linear.Recipe;
        Assert.Equal((80, 64, 0.1, 0.1, 0.9, 0.0, false, 0), (r.Epochs, r.BatchSize, r.LearningRate, r.Gamma, r.Momentum, r.WeightDecay, r.Nesterov, r.WarmupEpochs));
        Assert.Equal([50, 70], r.Milestones);
        Assert.Equal(HeadInit.Normal001, Cmd.Linear.HeadInit);                       // N(0, 0.01²), bias 0
        Assert.Equal("cmd-linear-train", Cmd.Linear.TrainAugmentation);              // crop ratio ~ U(0.5, 1), resized to 64, no spatial aug
        Assert.Equal("cmd-test", Cmd.Linear.TestTransform);                          // 0.95 centre crop, resized to 64
        Assert.Equal(5, r.EvalEvery);
    }

    [Fact]
    public void Retrieval_is_1nn_by_cosine_on_centre_crop_features_of_both_splits()
    {
        Assert.Equal((1, KnnVoting.Majority, "cmd-test"), (Cmd.Knn.K, Cmd.Knn.Voting, Cmd.Knn.TestTransform));
        // Cosine: the nearest clip by angle, whatever the feature norms.
        var result = Knn.Classify(TorchSharp.torch.tensor(new float[] { 10, 0, 0, 1 }, [2, 2]), [0, 1],
                                  TorchSharp.torch.tensor(new float[] { 0.1f, 1 }, [1, 2]), [1], 2, Cmd.Knn);
        Assert.Equal(1.0, result.Top1);
    }

    [Fact]
    public void Semi_supervision_fine_tunes_the_whole_network_in_train_mode_on_random_subsets_averaged_over_five_runs()
    {
        var semi = Cmd.Semi;
        Assert.Equal(SemiSupervisedSelection.Random, semi.Selection);
        Assert.Equal(5, semi.Runs);
        Assert.Equal((HeadInit.Normal001, "cmd-linear-train", "cmd-test"), (semi.Training.HeadInit, semi.Training.TrainAugmentation, semi.Training.TestTransform));
        Assert.False(semi.Training.EvalModeDuringTraining);
        Assert.Equal((80, 64, 0.01, 0.0), (semi.Training.Recipe.Epochs, semi.Training.Recipe.BatchSize, semi.Training.Recipe.LearningRate, semi.Training.Recipe.WeightDecay));
        Assert.Equal([50, 70], semi.Training.Recipe.Milestones);
        Assert.Null(semi.Training.GradientClipNorm);
        Assert.Equal(5, semi.For(Profile.Paper).Runs);
        Assert.Equal(2, semi.For(Profile.Quick).Runs);                                // the kit's reduced profiles: two runs
        Assert.Equal(2, semi.For(Profile.Smoke).Runs);
        Assert.Equal(1, SemiSupervisedConfig.AimClr(0.01).For(Profile.Quick).Runs);  // AimCLR: one run
    }

    [Fact]
    public void Fine_tuning_is_the_semi_recipe_on_all_labels()
    {
        var f = Cmd.FineTune;
        Assert.False(f.EvalModeDuringTraining);
        Assert.Equal((80, 0.01, HeadInit.Normal001), (f.Recipe.Epochs, f.Recipe.LearningRate, f.HeadInit));
        Assert.Equal(("cmd-linear-train", "cmd-test"), (f.TrainAugmentation, f.TestTransform));
    }

    [Fact]
    public void Three_streams_are_fused_by_the_average_of_their_scores()
    {
        Assert.Equal(FusionWeights.Mean, Cmd.Fusion);
        var spec = ExperimentSpec.ThreeStream(Pcm3Config.Paper, "ntu60", "xsub", "linear");
        Assert.All(spec.FusionWeights, w => Assert.Equal(1.0 / 3, w, 12));
        Assert.Equal([0.6, 0.4, 0.6], ExperimentSpec.ThreeStream(AimClrConfig.Paper, "ntu60", "xsub", "linear").FusionWeights.ToArray());
        // The fused score is the mean of the streams' logits: (1 + 4 + 7) / 3 for class 0 of sample a.
        var logits = new Dictionary<SkeletonStream, IReadOnlyDictionary<string, float[]>>
        {
            [SkeletonStream.Joint] = new Dictionary<string, float[]> { ["a"] = [1, 2] },
            [SkeletonStream.Bone] = new Dictionary<string, float[]> { ["a"] = [4, 0] },
            [SkeletonStream.Motion] = new Dictionary<string, float[]> { ["a"] = [7, 1] },
        };
        var fused = StreamFusion.Fuse(logits, new Dictionary<string, long> { ["a"] = 0 }, Cmd.Fusion);
        Assert.Equal(4.0, fused.Scores["a"][0], 5);
        Assert.Equal(1.0, fused.Scores["a"][1], 5);
    }

    [Fact]
    public void A_random_subset_keeps_a_minimum_per_class_on_average_on_the_reduced_profiles_only()
    {
        long[] labels = [.. Enumerable.Range(0, 120).Select(i => (long)(i % 8))];         // 8 classes of 15 clips
        Assert.Single(SemiSupervised.Select(labels, 0.01, SemiSupervisedSelection.Random, new Random(0)));   // int(1.2)
        var smoke = SemiSupervisedConfig.Cmd(0.01).For(Profile.Smoke);
        Assert.Equal(8, SemiSupervised.Select(labels, smoke.Fraction, smoke.Selection, new Random(0), smoke.MinPerClass).Length);
        Assert.Equal(12, SemiSupervised.Select(labels, 0.1, SemiSupervisedSelection.Random, new Random(0), smoke.MinPerClass).Length); // int(12) ≥ 8
        Assert.Equal(0, SemiSupervisedConfig.Cmd(0.01).For(Profile.Paper).MinPerClass);
    }

    [Fact]
    public void Several_runs_report_the_mean_of_each_metric_and_each_runs_top1()
    {
        var runs = new[]
        {
            new ProtocolResult(new Dictionary<string, double> { ["top1"] = 50, ["top5"] = 80, ["best-epoch"] = 10 }, []),
            new ProtocolResult(new Dictionary<string, double> { ["top1"] = 60, ["top5"] = 90, ["best-epoch"] = 5 }, []),
        };
        var mean = EvaluationProtocols.Averaged(runs);
        Assert.Equal(55, mean.Metrics["top1"]);
        Assert.Equal(85, mean.Metrics["top5"]);
        Assert.Equal((50.0, 60.0), (mean.Metrics["top1-run1"], mean.Metrics["top1-run2"]));
        Assert.False(mean.Metrics.ContainsKey("best-epoch"));
        Assert.Same(runs[0], EvaluationProtocols.Averaged([runs[0]]));
    }

    [Fact]
    public void A_recipe_without_runs_is_refused_naming_the_field()
    {
        var bad = SemiSupervisedConfig.Cmd(0.01) with { Runs = 0 };
        Assert.Contains("SemiSupervisedConfig.Runs", Assert.Throws<ArgumentException>(bad.Validate).Message);
    }
}
