using SkeletonSsl.Experiments;
using SkeletonSsl.Losses;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Tests.Experiments;

public sealed class PretrainConfigTests
{
    [Fact]
    public void Paper_profile_has_the_papers_hyperparameters()
    {
        var c = PretrainPresets.Create("aimclr", Profile.Paper);
        Assert.Equal((128, 0.1, 300, 1e-4, 0.9, false), (c.Training.BatchSize, c.Training.LearningRate, c.Training.Epochs, c.Training.WeightDecay, c.Training.Momentum, c.Training.Nesterov));
        Assert.Equal([250], c.Training.LrSteps);
        Assert.Equal((128, 32768, 0.999, 0.07), (c.Moco.FeatureDim, c.Moco.QueueSize, c.Moco.Momentum, c.Moco.Temperature));
        Assert.Equal((150, 1, NnmLossForm.LogOfSummedProbability), (c.AimClr.MiningEpoch, c.AimClr.TopK, c.AimClr.NnmForm));
        Assert.Equal([16, 16, 16, 16, 32, 32, 32, 64, 64, 256], c.Encoder.Widths);
    }

    [Theory]
    [InlineData(Profile.Smoke)]
    [InlineData(Profile.Quick)]
    [InlineData(Profile.Paper)]
    public void Every_profile_round_trips_through_json_with_the_same_hash(Profile profile)
    {
        var c = PretrainPresets.Create("aimclr", profile, SkeletonStream.Motion, seed: 3);
        var back = ConfigJson.Deserialize<PretrainConfig>(ConfigJson.Serialize(c));
        Assert.Equal(ConfigJson.Serialize(c), ConfigJson.Serialize(back));
        Assert.Equal(ConfigJson.Hash(c), ConfigJson.Hash(back));
    }

    [Fact]
    public void Hash_changes_with_any_setting()
    {
        var c = PretrainPresets.Create("aimclr", Profile.Quick);
        Assert.NotEqual(ConfigJson.Hash(c), ConfigJson.Hash(c with { Seed = 1 }));
        Assert.NotEqual(ConfigJson.Hash(c), ConfigJson.Hash(c with { AimClr = c.AimClr with { TopK = 2 } }));
        Assert.NotEqual(ConfigJson.Hash(c), ConfigJson.Hash(c with { Training = c.Training with { LrSteps = [7] } }));
    }

    [Fact]
    public void Invalid_settings_are_refused_with_the_field_named()
    {
        var c = PretrainPresets.Create("aimclr", Profile.Smoke);
        Assert.Contains("method", Assert.Throws<ArgumentException>(() => (c with { Method = "simclr" }).Validate()).Message);
        Assert.Contains("queue", Assert.Throws<ArgumentException>(() => (c with { Moco = c.Moco with { QueueSize = 4 } }).Validate()).Message);
    }
}
