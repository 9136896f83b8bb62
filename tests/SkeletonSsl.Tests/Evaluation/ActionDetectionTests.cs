using SkeletonSsl.Data;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Evaluation.Detection;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tests.Data;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

/// <summary>The detection protocol (PCM3 Table 5; spec/pcm3.md §8.7) on the Smoke synthetic PKU-MMD I recordings and on hand-made ones.</summary>
public sealed class ActionDetectionTests
{
    private static readonly GruEncoderConfig Smoke = (GruEncoderConfig)GruEncoderConfig.Cmd.For(Profile.Smoke) with { MlpHead = false, HeadOutput = 8 };

    private static (DetectionSet Train, DetectionSet Test) Data()
    {
        NativeRuntime.EnsureInitialised();
        return DetectionSet.Load(PreparedStore.Open(SmokeStores.Detection), "xsub");
    }

    private static DetectionResult Train(int epochs, DetectionMode mode = DetectionMode.FineTune, GruEncoder? encoder = null)
    {
        var (train, test) = Data();
        using (train)
        using (test)
        {
            using var g = new Generator(3);
            encoder ??= new GruEncoder(Smoke, g);
            var config = DetectionConfig.Paper with
            {
                Recipe = DetectionConfig.Paper.Recipe with { Epochs = epochs, LearningRate = 0.05, Milestones = [epochs], EvalEvery = epochs },
                WindowsPerVideo = 32,
                Mode = mode,
            };
            return ActionDetection.Run(encoder, train, test, SkeletonStream.Joint, config, g, CPU);
        }
    }

    [Fact]
    public void Fine_tuning_fits_the_frame_labels_loss_falls_frame_accuracy_and_map_rise()
    {
        // Trained and scored on the same 6 recordings: what training must achieve on a tiny set (the Smoke split's 4 training
        // subjects are too few to generalise to new ones, which the Quick set is for).
        var brief = Fit(1);
        var trained = Fit(16);
        Assert.True(trained.LossHistory[^1] < 0.7 * trained.LossHistory[0], $"loss {trained.LossHistory[0]:F3} → {trained.LossHistory[^1]:F3}");
        Assert.True(trained.FrameAccuracy > brief.FrameAccuracy + 0.15, $"frame accuracy {brief.FrameAccuracy:F3} → {trained.FrameAccuracy:F3}");
        Assert.True(trained.Official.MapV > brief.Official.MapV + 0.05, $"mAP_v {brief.Official.MapV:F3} → {trained.Official.MapV:F3}");
        Assert.True(trained.Official.MapA > brief.Official.MapA, $"mAP_a {brief.Official.MapA:F3} → {trained.Official.MapA:F3}");
        Assert.Equal(6 * 32, trained.TrainWindowsPerEpoch);
        Assert.All(trained.Proposals, p => Assert.InRange(p.Class, 1, 8));
    }

    private static DetectionResult Fit(int epochs)
    {
        var (train, test) = Data();
        test.Dispose();
        using (train)
        {
            using var tiny = train.Subset([0, 2, 4, 6, 8, 10]);
            using var g = new Generator(3);
            using var encoder = new GruEncoder(Smoke with { Hidden = 64 }, g);
            var config = DetectionConfig.Paper with
            {
                Recipe = DetectionConfig.Paper.Recipe with { Epochs = epochs, LearningRate = 0.05, Milestones = [epochs], EvalEvery = epochs },
                WindowsPerVideo = 32,
            };
            return ActionDetection.Run(encoder, tiny, tiny, SkeletonStream.Joint, config, g, CPU);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_detections()
    {
        var a = Train(2);
        var b = Train(2);
        Assert.Equal(a.LossHistory, b.LossHistory);
        Assert.Equal(a.Proposals, b.Proposals);
        Assert.Equal(a.Official.MapA, b.Official.MapA);
    }

    [Fact]
    public void Linear_only_trains_the_head_and_keeps_the_encoders_weights_while_its_batch_norm_adapts()
    {
        using var g = new Generator(5);
        var encoder = new GruEncoder(Smoke, g);
        var before = encoder.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        Train(2, DetectionMode.LinearOnly, encoder);
        var after = encoder.state_dict();
        foreach (var (key, value) in before.Where(p => p.Key.StartsWith("encoder.")))
            Assert.True(value.equal(after[key]).all().item<bool>(), $"{key} changed although the encoder is frozen");
        Assert.False(before["input_norm.running_mean"].equal(after["input_norm.running_mean"]).all().item<bool>(), "the input BatchNorm's statistics did not adapt (train mode)");
        Assert.Equal(8 + 2, after["fc.weight"].shape[0]);                                           // background, 8 classes, one unused
    }

    [Fact]
    public void Ground_truth_segments_are_the_runs_of_one_class_in_the_frame_labels()
    {
        NativeRuntime.EnsureInitialised();
        // Recording a (7 frames of 8): 0 3 3 0 2 2 2, padding; recording b (8 frames): 1 1 4 4 0 0 0 1.
        var labels = tensor(new long[] { 0, 3, 3, 0, 2, 2, 2, 255, 1, 1, 4, 4, 0, 0, 0, 1 }).view(2, 8);
        using var set = new DetectionSet(new SkeletonDataset(zeros(new long[] { 2, 3, 8, 25, 2 }), [0, 0], ["a", "b"], 4, [7, 8]), labels);
        Assert.Equal(
            [new ActionSegment("a", 3, 2, 3), new ActionSegment("a", 2, 5, 7), new ActionSegment("b", 1, 1, 2), new ActionSegment("b", 4, 3, 4), new ActionSegment("b", 1, 8, 8)],
            ActionDetection.GroundTruth(set));
    }

    [Fact]
    public void Frame_probabilities_cover_every_valid_frame_and_are_zero_on_padding()
    {
        var (train, test) = Data();
        using (train)
        using (test)
        {
            using var g = new Generator(1);
            using var encoder = new GruEncoder(Smoke, g);
            encoder.SetHead(nn.Linear(encoder.FeatureDim, 10));
            using var p = ActionDetection.FrameProbabilities(encoder, test, SkeletonStream.Joint, batchSize: 97, CPU);   // batches straddle recordings
            Assert.Equal(new long[] { test.Count, test.Recordings.Data.shape[2], 10 }, p.shape);
            for (int n = 0; n < test.Count; n++)
            {
                var sums = p[n].sum(1);
                Assert.True(sums.narrow(0, 0, test.Frames[n]).allclose(ones(test.Frames[n]), atol: 1e-5), $"recording {n}: a valid frame's probabilities do not sum to 1");
                Assert.Equal(0f, sums.narrow(0, test.Frames[n], p.shape[1] - test.Frames[n]).abs().sum().item<float>());
            }
            using var whole = ActionDetection.FrameProbabilities(encoder, test, SkeletonStream.Joint, batchSize: 100000, CPU);
            Assert.True(whole.allclose(p, atol: 1e-5), "the probabilities depend on the batch size");
        }
    }

    [Fact]
    public void The_profiles_keep_the_papers_recipe_shape()
    {
        var paper = DetectionConfig.Paper;
        Assert.Equal((60, 64, 0.01, true, 0.0), (paper.Recipe.Epochs, paper.Recipe.BatchSize, paper.Recipe.LearningRate, paper.Recipe.Nesterov, paper.Recipe.WeightDecay));
        Assert.Equal([40], paper.Recipe.Milestones);
        Assert.Equal((16, DetectionMode.FineTune, 2), (paper.WindowsPerVideo, paper.Mode, paper.ExtraOutputs));
        var smoke = paper.For(Profile.Smoke);
        Assert.Equal(10, smoke.Recipe.Epochs);
        Assert.Equal(smoke.Recipe.Epochs, smoke.Recipe.EvalEvery);
        Assert.Same(paper.PostProcessing, smoke.PostProcessing);
    }
}
