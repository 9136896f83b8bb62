using SkeletonSsl.Augmentations;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Skeletons;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

/// <summary>The protocols' crop hooks (spec/pcm3.md §8): random training crops re-encoded per batch, the centre crop at test.</summary>
public sealed class CropHookTests
{
    private const int T = 100, Out = 64;

    /// <summary>A linear encoder over (3, 64, 25, 1) clips that records every input it encodes and the mode it ran in.</summary>
    private sealed class RecordingEncoder : SkeletonEncoder
    {
        private readonly Linear proj;
        private nn.Module<Tensor, Tensor> fc;

        public RecordingEncoder() : base(nameof(RecordingEncoder))
        {
            proj = nn.Linear(3 * Out * 25, 8);
            fc = nn.Identity();
            RegisterComponents();
        }

        public List<(Tensor Input, bool Training, bool Grad)> Seen { get; } = [];

        public override int FeatureDim => 8;

        public override Tensor Features(Tensor x)
        {
            Seen.Add((x.detach().clone().DetachFromDisposeScope(), training, is_grad_enabled()));
            return proj.call(x.flatten(1));
        }

        public override Tensor Head(Tensor features) => fc.call(features);

        public override void SetHead(nn.Module<Tensor, Tensor> head)
        {
            _internal_submodules.Remove("fc");
            fc = head;
            register_module("fc", head);
        }
    }

    /// <summary>Clips whose frame f holds f + 1 on every coordinate, padded by repetition after each clip's valid frames.</summary>
    private static SkeletonDataset Ramps(int count, long[] frames, string prefix)
    {
        var data = zeros([count, 3, T, 25, 1]);
        for (int i = 0; i < count; i++)
        {
            var f = arange(T, dtype: ScalarType.Int64).remainder(frames[i]).add(1).to(ScalarType.Float32);
            data[i] = f.view(1, T, 1, 1).expand(3, T, 25, 1);
        }
        return new SkeletonDataset(data, Enumerable.Range(0, count).Select(i => (long)(i % 2)).ToArray(),
            Enumerable.Range(0, count).Select(i => $"{prefix}{i}").ToArray(), 2, frames);
    }

    private static LinearProbeConfig Tiny(LinearProbeConfig config) => config with
    {
        Recipe = config.Recipe with { Epochs = 2, EvalEvery = 2, BatchSize = 8, Milestones = [] },
    };

    [Fact]
    public void A_random_training_crop_re_encodes_every_batch_and_the_test_split_gets_the_centre_crop()
    {
        using var scope = NewDisposeScope();
        long[] frames = [.. Enumerable.Repeat(80L, 8)];
        using var train = Ramps(8, frames, "tr");                  // eight identical clips: one batch per epoch
        using var test = Ramps(4, [90, 70, 100, 65], "te");
        using var encoder = new RecordingEncoder();
        LinearProbe.Run(encoder, train, test, SkeletonStream.Joint, Tiny(LinearProbeConfig.Cmd), new Generator(1), CPU);

        Assert.Equal(3, encoder.Seen.Count);                       // the test split once, then one training batch per epoch
        Assert.All(encoder.Seen, s => Assert.Equal([s.Input.shape[0], 3L, Out, 25, 1], s.Input.shape));
        Assert.All(encoder.Seen, s => Assert.False(s.Training || s.Grad));   // frozen: eval mode, no gradients
        var expectedTest = TemporalCropResize.Centre(0.95).Apply(new ClipBatch(test.Data, test.Frames), new Generator(0)).X;
        Assert.Equal(0f, (encoder.Seen[0].Input - expectedTest).abs().max().item<float>());
        var (epoch1, epoch2) = (encoder.Seen[1].Input, encoder.Seen[2].Input);
        Assert.True((epoch1 - epoch2).abs().max().item<float>() > 0.1f, "two epochs saw the same crops");
        Assert.True(epoch1.max().item<float>() <= 80f && epoch2.max().item<float>() <= 80f);   // only the 80 valid frames are read
    }

    [Fact]
    public void Without_a_training_augmentation_features_are_cached_as_before()
    {
        using var scope = NewDisposeScope();
        using var train = Ramps(8, [.. Enumerable.Repeat(80L, 8)], "tr");
        using var test = Ramps(4, [90, 70, 100, 65], "te");
        using var encoder = new RecordingEncoder();
        var config = Tiny(LinearProbeConfig.Cmd) with { TrainAugmentation = null };
        LinearProbe.Run(encoder, train, test, SkeletonStream.Joint, config with { Recipe = config.Recipe with { Epochs = 4 } }, new Generator(1), CPU);
        Assert.Equal(2, encoder.Seen.Count);                       // each split encoded once, whatever the epochs
        var expectedTrain = TemporalCropResize.Centre(0.95).Apply(new ClipBatch(train.Data, train.Frames), new Generator(0)).X;
        Assert.Equal(0f, (encoder.Seen[0].Input - expectedTrain).abs().max().item<float>());   // the test transform serves both
    }

    [Fact]
    public void Cmd_knn_centre_crops_both_the_bank_and_the_test_clips()
    {
        using var scope = NewDisposeScope();
        using var train = Ramps(6, [80, 90, 100, 70, 66, 95], "tr");
        using var test = Ramps(3, [90, 70, 100], "te");
        using var encoder = new RecordingEncoder();
        var result = Knn.Evaluate(encoder, train, test, SkeletonStream.Joint, KnnConfig.Cmd, CPU);
        Assert.Equal(1, result.K);
        Assert.Equal(2, encoder.Seen.Count);
        var crop = TemporalCropResize.Centre(0.95);
        Assert.Equal(0f, (encoder.Seen[0].Input - crop.Apply(new ClipBatch(train.Data, train.Frames), new Generator(0)).X).abs().max().item<float>());
        Assert.Equal(0f, (encoder.Seen[1].Input - crop.Apply(new ClipBatch(test.Data, test.Frames), new Generator(0)).X).abs().max().item<float>());
    }

    [Fact]
    public void Fine_tuning_crops_each_training_batch_afresh()
    {
        using var scope = NewDisposeScope();
        using var train = Ramps(8, [.. Enumerable.Repeat(80L, 8)], "tr");
        using var test = Ramps(4, [90, 70, 100, 65], "te");
        using var encoder = new RecordingEncoder();
        var config = FineTuneConfig.Cmd with { Recipe = FineTuneConfig.Cmd.Recipe with { Epochs = 2, EvalEvery = 2, BatchSize = 8, Milestones = [] } };
        FineTune.Run(encoder, train, test, SkeletonStream.Joint, config, new Generator(2), CPU);
        var training = encoder.Seen.Where(s => s.Training).ToList();
        Assert.Equal(2, training.Count);
        Assert.True((training[0].Input - training[1].Input).abs().max().item<float>() > 0.1f);
        var testInputs = encoder.Seen.Where(s => !s.Training).ToList();
        var expectedTest = TemporalCropResize.Centre(0.95).Apply(new ClipBatch(test.Data, test.Frames), new Generator(0)).X;
        Assert.Equal(0f, (testInputs[^1].Input - expectedTest).abs().max().item<float>());
    }

    [Fact]
    public void Cmd_configs_name_the_crops_round_trip_and_unknown_presets_name_the_field()
    {
        Assert.Equal("cmd-linear-train", LinearProbeConfig.Cmd.TrainAugmentation);
        Assert.Equal("cmd-test", LinearProbeConfig.Cmd.TestTransform);
        Assert.Null(LinearProbeConfig.AimClr.TrainAugmentation);
        Assert.Null(LinearProbeConfig.AimClr.TestTransform);
        Assert.Equal((1, KnnVoting.Majority, "cmd-test"), (KnnConfig.Cmd.K, KnnConfig.Cmd.Voting, KnnConfig.Cmd.TestTransform));
        var back = EvaluationJson.Deserialize<LinearProbeConfig>(EvaluationJson.Serialize(LinearProbeConfig.Cmd));
        Assert.Equal(("cmd-linear-train", "cmd-test"), (back.TrainAugmentation, back.TestTransform));
        using var train = Ramps(2, [80, 80], "tr");
        using var encoder = new RecordingEncoder();
        var e = Assert.Throws<ArgumentException>(() => LinearProbe.Run(encoder, train, train, SkeletonStream.Joint,
            LinearProbeConfig.Cmd with { TestTransform = "centre" }, new Generator(1), CPU));
        Assert.Contains("LinearProbeConfig.TestTransform", e.Message);
        Assert.Contains("cmd-test", e.Message);
    }
}
