using SkeletonSsl.Data;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tests.Methods;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Experiments;

[Collection(SkeletonSsl.Tests.Training.GlobalRngCollection.Name)]
public sealed class PretrainingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skeletonssl-pretraining-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static SkeletonDataset Clips(int count = 48) =>
        new(TestViews.Clips(count, frames: 50), new long[count], Enumerable.Range(0, count).Select(i => $"clip{i}").ToArray(), 1);

    [Theory]
    [InlineData("skeletonclr")]
    [InlineData("aimclr")]
    public void A_smoke_run_fills_the_run_folder_and_its_encoder_loads_back(string method)
    {
        var config = PretrainPresets.Create(method, Profile.Smoke) with { Training = PretrainPresets.Create(method, Profile.Smoke).Training with { Epochs = 2 } };
        var dir = Path.Combine(_root, method);
        var result = Pretraining.Run(config, Clips(), dir, device: CPU);

        foreach (var file in new[] { PretrainRunFolder.ConfigFile, PretrainRunFolder.InfoFile, MetricsLog.FileName, PretrainRunFolder.EncoderFile })
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} missing");
        Assert.Equal(2, PretrainCheckpoint.All(Path.Combine(dir, Trainer.CheckpointFolder)).Count);
        Assert.Equal("complete", PretrainRunFolder.ReadInfo(dir).Status);
        Assert.Equal(config, PretrainRunFolder.ReadConfig(dir) with { Training = PretrainRunFolder.ReadConfig(dir).Training with { LrSteps = config.Training.LrSteps }, Encoder = config.Encoder });

        var loaded = PretrainRunFolder.LoadEncoder(dir);
        var x = TestViews.Clips(4, frames: 50);
        var trained = PretrainMethods.Create(config).Encoder;   // a fresh encoder: the loaded one must differ from it
        Assert.Equal(config.Moco.FeatureDim, loaded.forward(x).shape[1]);
        trained.eval();
        Assert.False(trained.forward(x).allclose(loaded.forward(x)));
        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.Loss)));
    }

    [Fact]
    public void A_folder_with_a_run_is_refused_without_resume_and_with_another_config()
    {
        var config = PretrainPresets.Create("skeletonclr", Profile.Smoke) with { Training = PretrainPresets.Create("skeletonclr", Profile.Smoke).Training with { Epochs = 1 } };
        var dir = Path.Combine(_root, "again");
        Pretraining.Run(config, Clips(), dir, device: CPU);
        Assert.Throws<ArgumentException>(() => Pretraining.Run(config, Clips(), dir, device: CPU));
        Assert.Throws<ArgumentException>(() => Pretraining.Run(config with { Seed = 5 }, Clips(), dir, resume: true, device: CPU));
        var more = config with { Training = config.Training with { Epochs = 2 } };
        var resumed = Pretraining.Run(more, Clips(), dir, resume: true, device: CPU);
        Assert.Equal([2], resumed.Epochs.Select(e => e.Epoch));
    }
}
