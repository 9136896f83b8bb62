using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Experiments;
using SkeletonSsl.Losses;
using SkeletonSsl.Methods;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Experiments;

public sealed class MethodConfigTests
{
    [Fact]
    public void AimClr_paper_config_has_the_papers_hyperparameters()
    {
        var c = AimClrConfig.Paper;
        Assert.Equal((128, 0.1, 300, 1e-4, 0.9, false), (c.Training.BatchSize, c.Training.LearningRate, c.Training.Epochs, c.Training.WeightDecay, c.Training.Momentum, c.Training.Nesterov));
        Assert.Equal([250], c.Training.LrSteps);
        Assert.Equal((128, 32768, 0.999, 0.07), (c.Moco.FeatureDim, c.Moco.QueueSize, c.Moco.Momentum, c.Moco.Temperature));
        Assert.Equal((150, 1, NnmLossForm.LogOfSummedProbability), (c.MiningEpoch, c.TopK, c.Settings.NnmForm));
        Assert.Equal([16, 16, 16, 16, 32, 32, 32, 64, 64, 256], ((StGcnConfig)c.Encoder).Widths);
        Assert.Equal(("aimclr", "aimclr-normal", "aimclr-extreme"), (c.Pipeline, c.NormalAugmentation, c.ExtremeAugmentation));
    }

    [Fact]
    public void SkeletonClr_on_the_gru_is_the_cmd_baseline()
    {
        var c = SkeletonClrConfig.Gru;
        var gru = Assert.IsType<GruEncoderConfig>(c.Encoder);
        Assert.Equal((3, 1024, 2048), (gru.Layers, gru.Hidden, gru.FeatureDim));
        Assert.Equal(("cmd", "cmd-basic"), (c.Pipeline, c.NormalAugmentation));
        Assert.Equal((64, 0.01, 450, 16384), (c.Training.BatchSize, c.Training.LearningRate, c.Training.Epochs, c.Moco.QueueSize));
        Assert.Equal(0.1, c.Recipes!.Linear.Recipe.LearningRate);
        Assert.Equal(1, c.Recipes.Knn.K);
        Assert.Equal(128, ((GruEncoderConfig)c.TrainedEncoder).HeadOutput);
    }

    [Fact]
    public void Ablation_switches_are_with_expressions_that_reach_the_method_settings()
    {
        var off = AimClrConfig.Paper with { DropBranch = false, MiningEpoch = AimClrSettings.Never, D3mWeight = 0 };
        Assert.Equal((false, int.MaxValue, 0.0), (off.Settings.DropBranch, off.Settings.MiningEpoch, off.Settings.D3mWeight));
        Assert.True(AimClrConfig.Paper.DropBranch);                         // the paper's config is untouched
        var back = (AimClrConfig)ConfigJson.Deserialize<MethodConfig>(ConfigJson.Serialize<MethodConfig>(off));
        Assert.Equal(off.Settings, back.Settings);
        Assert.NotEqual(ConfigJson.Canonical(AimClrConfig.Paper), ConfigJson.Canonical(off));
    }

    [Fact]
    public void Reduced_profiles_scale_every_epoch_setting_alike()
    {
        var quick = (AimClrConfig)AimClrConfig.Paper.For(Profile.Quick);
        Assert.Equal((2, 1, 32), (quick.Training.Epochs, quick.MiningEpoch, quick.Training.BatchSize));
        Assert.Equal([2], quick.Training.LrSteps);
        Assert.Equal(300, quick.Training.ScheduleEpochs);
        // Table 3: 100 of the 300 paper epochs is a third of the profile's run, NNM's start and the step stay where they were.
        var short100 = (AimClrConfig)(AimClrConfig.Paper with { Training = AimClrConfig.Paper.Training with { Epochs = 100 } }).For(Profile.Quick);
        Assert.Equal((1, 1), (short100.Training.Epochs, short100.MiningEpoch));
        var never = (AimClrConfig)(AimClrConfig.Paper with { MiningEpoch = AimClrSettings.Never }).For(Profile.Smoke);
        Assert.Equal(AimClrSettings.Never, never.MiningEpoch);
        Assert.Same(AimClrConfig.Paper, AimClrConfig.Paper.For(Profile.Paper));
        Assert.Equal(256, ((GruEncoderConfig)SkeletonClrConfig.Gru.For(Profile.Quick).Encoder).Hidden);
    }

    [Theory]
    [InlineData(Profile.Smoke)]
    [InlineData(Profile.Quick)]
    [InlineData(Profile.Paper)]
    public void Run_configs_round_trip_through_json_with_their_type_and_hash(Profile profile)
    {
        foreach (var method in Catalog.Default.Methods.Values.SelectMany(m => m.Presets).Where(p => p.Pretrains))
        {
            var c = PretrainConfig.Of(method, profile, SkeletonStream.Motion, seed: 3);
            var json = ConfigJson.Serialize(c);
            Assert.Contains($"\"$method\": \"{method.Name}\"", json);
            Assert.Contains($"\"$encoder\": \"{method.Encoder.Kind}\"", json);
            var back = ConfigJson.Deserialize<PretrainConfig>(json);
            Assert.IsType(method.GetType(), back.Method);
            Assert.Equal(json, ConfigJson.Serialize(back));
            Assert.Equal(ConfigJson.Hash(c), ConfigJson.Hash(back));
            Assert.Null(back.Method.Recipes);                               // a run is not its evaluation
        }
    }

    [Fact]
    public void Hash_changes_with_any_setting_and_not_with_the_evaluation_recipe()
    {
        var c = PretrainConfig.Of(AimClrConfig.Paper, Profile.Quick);
        Assert.NotEqual(ConfigJson.Hash(c), ConfigJson.Hash(c with { Seed = 1 }));
        Assert.NotEqual(ConfigJson.Hash(c), ConfigJson.Hash(PretrainConfig.Of(AimClrConfig.Paper with { TopK = 2 }, Profile.Quick)));
        Assert.NotEqual(ConfigJson.Hash(c), ConfigJson.Hash(c.WithEpochs(7)));
        var otherRecipe = AimClrConfig.Paper with { Recipes = EvaluationRecipes.Cmd };
        Assert.Equal(new PretrainSpec(AimClrConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub").Hash,
                     new PretrainSpec(otherRecipe, SkeletonStream.Joint, "ntu60", "xsub").Hash);
        Assert.NotEqual(ExperimentSpec.Single(AimClrConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub", "linear").Hash,
                        ExperimentSpec.Single(otherRecipe, SkeletonStream.Joint, "ntu60", "xsub", "linear").Hash);
    }

    [Fact]
    public void Invalid_settings_are_refused_with_the_field_named()
    {
        var c = AimClrConfig.Paper.For(Profile.Smoke);
        Assert.Contains("queue", Assert.Throws<ArgumentException>(() => (((AimClrConfig)c) with { Moco = new() { QueueSize = 4 } }).Validate()).Message);
        Assert.Contains("pipeline", Assert.Throws<ArgumentException>(() => (c with { Pipeline = "raw" }).Validate()).Message);
        Assert.Contains("preset", Assert.Throws<ArgumentException>(() => (AimClrConfig.Paper with { ExtremeAugmentation = "none" }).Validate()).Message);
        Assert.Contains("no pre-training", Assert.Throws<ArgumentException>(() => PretrainConfig.Of(RandomInitConfig.Paper, Profile.Smoke)).Message);
    }

    [Fact]
    public void AimClr_refuses_an_encoder_without_a_feature_map_for_its_drop_branch()
    {
        NativeRuntime.EnsureInitialised();
        var onGru = (AimClrConfig)(AimClrConfig.Paper with { Encoder = GruEncoderConfig.Cmd }).For(Profile.Smoke);
        var e = Assert.Throws<ArgumentException>(() => onGru.Create(SkeletonStream.Joint, new TorchSharp.torch.Generator(0)));
        Assert.Contains("drop branch", e.Message);
        using var method = (AimClr)(onGru with { DropBranch = false }).Create(SkeletonStream.Joint, new TorchSharp.torch.Generator(0));
        Assert.IsType<SkeletonSsl.Encoders.Gru.GruEncoder>(method.Encoder);
    }

    [Theory]
    [MemberData(nameof(Tables.AimClrTableTests.TableIds), MemberType = typeof(Tables.AimClrTableTests))]
    public void Every_pretraining_a_table_needs_has_a_valid_config_under_every_profile(string id)
    {
        var pretrains = Catalog.Default.Table(id).Experiments.Where(s => s.Method.Pretrains).SelectMany(s => s.Pretrains).Distinct();
        foreach (var p in pretrains)
        foreach (var profile in Enum.GetValues<Profile>())
            Assert.IsType(p.Method.GetType(), PretrainConfig.Of(p.Method, profile).Method);
    }
}
