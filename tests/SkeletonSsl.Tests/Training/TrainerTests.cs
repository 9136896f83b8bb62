using SkeletonSsl.Data;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Tests.Methods;
using SkeletonSsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Training;

[Collection(GlobalRngCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skeletonssl-trainer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TrainingConfig Config(int epochs) => new()
    {
        Epochs = epochs, BatchSize = 16, LearningRate = 0.05, LrSteps = [3], CheckpointEvery = 1, KeepCheckpoints = 0,
    };

    private IReadOnlyList<EpochMetrics> Train(IPretrainMethod method, TrainingConfig config, string dir, bool resume = false) =>
        new Trainer(method, config, CPU, Path.Combine(_root, dir), new Generator(11)).Run(TestViews.Clips(64), ValidFrames.Full(64, 12), resume);

    [Fact]
    public void Training_lowers_the_loss()
    {
        var metrics = Train(TestViews.SkeletonClr(), Config(8) with { LrSteps = [] }, "lower");
        // Epoch 1 still contrasts against the random initial queue (easy negatives); from epoch 2 on
        // the queue holds real keys, so that is the baseline the loss must fall from.
        Assert.True(metrics[^1].Loss < metrics[1].Loss * 0.8, $"loss went {metrics[1].Loss} → {metrics[^1].Loss}");
    }

    [Fact]
    public void A_resumed_run_gives_the_same_losses_as_an_uninterrupted_one()
    {
        var whole = Train(TestViews.AimClr(), Config(4), "whole");
        var firstHalf = Train(TestViews.AimClr(), Config(2), "split");
        var secondHalf = Train(TestViews.AimClr(), Config(4), "split", resume: true);
        var resumed = firstHalf.Concat(secondHalf).Select(m => m.Loss).ToArray();
        Assert.Equal(whole.Select(m => m.Loss).ToArray(), resumed);
        Assert.Equal([3, 4], secondHalf.Select(m => m.Epoch));
        var csv = File.ReadAllLines(Path.Combine(_root, "split", MetricsLog.FileName));
        Assert.Equal(5, csv.Length);
        Assert.Equal(File.ReadAllLines(Path.Combine(_root, "whole", MetricsLog.FileName))[0], csv[0]);
    }

    [Fact]
    public void A_non_finite_loss_stops_the_run_and_keeps_the_last_good_checkpoint()
    {
        var method = new NaNFromEpoch(TestViews.SkeletonClr(), epoch: 3);
        var e = Assert.Throws<NonFiniteLossException>(() => Train(method, Config(5), "nan"));
        Assert.Equal(3, e.Epoch);
        Assert.EndsWith(PretrainCheckpoint.FileName(2), e.LastCheckpoint);
        Assert.Contains("epoch 3", e.Message);
        Assert.Equal(2, PretrainCheckpoint.ReadInfo(e.LastCheckpoint!).Epoch);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_root, "nan", MetricsLog.FileName)).Length);
    }

    [Fact]
    public void Learning_rate_steps_after_the_configured_epoch()
    {
        var metrics = Train(TestViews.SkeletonClr(), Config(4) with { LrSteps = [2] }, "lr");
        Assert.Equal([0.05, 0.05, 0.005, 0.005], metrics.Select(m => Math.Round(m.LearningRate, 6)));
    }

    [Fact]
    public void Checkpoints_are_written_at_the_interval_and_at_the_end_and_old_ones_pruned()
    {
        Train(TestViews.SkeletonClr(), Config(5) with { CheckpointEvery = 2, KeepCheckpoints = 2 }, "ckpt");
        var names = PretrainCheckpoint.All(Path.Combine(_root, "ckpt", Trainer.CheckpointFolder)).Select(Path.GetFileName);
        Assert.Equal([PretrainCheckpoint.FileName(4), PretrainCheckpoint.FileName(5)], names);
    }

    /// <summary>Wraps a method and turns its loss into NaN from a given epoch on.</summary>
    private sealed class NaNFromEpoch(IPretrainMethod inner, int epoch) : IPretrainMethod
    {
        public string Name => inner.Name;
        public nn.Module Module => inner.Module;
        public SkeletonSsl.Encoders.SkeletonEncoder Encoder => inner.Encoder;
        public IEnumerable<TorchSharp.Modules.Parameter> TrainableParameters() => inner.TrainableParameters();
        public void OnEpochStart(int e) => inner.OnEpochStart(e);
        public void AfterOptimizerStep(StepContext context) => inner.AfterOptimizerStep(context);

        public StepOutput Step(PretrainBatch batch, StepContext context)
        {
            var output = inner.Step(batch, context);
            return context.Epoch >= epoch ? output with { Loss = output.Loss * double.NaN } : output;
        }
    }
}
