using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Experiments;
using SkeletonSsl.Methods;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Methods;

/// <summary>PCM3's config: the paper's and the released schedule, the reduced sizes, the ablations in words, validation.</summary>
public sealed class Pcm3ConfigTests
{
    [Fact]
    public void The_paper_preset_is_the_papers_setup_and_the_catalog_default()
    {
        var p = Pcm3Config.Paper;
        Assert.Same(p, Catalog.Default.Method("pcm3").Default);
        Assert.Equal("pcm3", p.Name);
        Assert.Equal(GruEncoderConfig.Cmd, p.Encoder);
        Assert.Equal("cmd", p.Pipeline);
        Assert.Equal((450, 450, 0.02, 128, 1e-4, 0.9), (p.Training.Epochs, p.Training.ScheduleEpochs, p.Training.LearningRate, p.Training.BatchSize, p.Training.WeightDecay, p.Training.Momentum));
        Assert.Equal([350], p.Training.LrSteps);
        Assert.Equal((16384, 0.999, 0.07, 128), (p.Moco.QueueSize, p.Moco.Momentum, p.Moco.Temperature, p.Moco.FeatureDim));
        Assert.Equal(ConfigJson.Hash(new Pcm3Config()), ConfigJson.Hash(p));
        p.Validate();
    }

    [Fact]
    public void The_released_schedule_is_451_epochs_with_the_step_after_351()
    {
        var r = Pcm3Config.Released;
        Assert.Equal(451, r.Training.Epochs);
        Assert.Equal([351], r.Training.LrSteps);
        Assert.Equal(Pcm3Config.Paper.Settings, r.Settings);
        Assert.Equal(["451 epochs", "lr step after epoch 351"], r.Differences(Pcm3Config.Paper));
    }

    [Fact]
    public void Reduced_profiles_shrink_the_gru_the_decoder_and_the_prompt_window_alike()
    {
        var quick = (Pcm3Config)Pcm3Config.Paper.For(Profile.Quick);
        var gru = (GruEncoderConfig)quick.Encoder;
        Assert.Equal((Pcm3Config.QuickHidden, 3), (gru.Hidden, gru.Layers));
        Assert.Equal((256, 64), (quick.Decoder.FeatureDim, quick.Decoder.Width));
        Assert.Equal(16, quick.Settings.PromptWidth);
        Assert.Equal((32, 512), (quick.Moco.FeatureDim, quick.Moco.QueueSize));
        quick.Validate();
        var smoke = (Pcm3Config)Pcm3Config.Paper.For(Profile.Smoke);
        Assert.Equal((64, 16, 4), (smoke.Decoder.FeatureDim, smoke.Decoder.Width, smoke.Settings.PromptWidth));
        smoke.Validate();
        Assert.Same(Pcm3Config.Paper, Pcm3Config.Paper.For(Profile.Paper));
    }

    [Fact]
    public void The_switches_pass_through_to_the_settings_and_read_as_words()
    {
        var c = Pcm3Config.Paper with { DomainPrompts = false, TaskPrompts = false, InterView = false, MaskRatio = 0.4, Masking = Pcm3Masking.Random };
        Assert.False(c.Settings.DomainPrompts || c.Settings.TaskPrompts || c.Settings.InterView);
        Assert.Equal((0.4, Pcm3Masking.Random), (c.Settings.MaskRatio, c.Settings.Masking));
        Assert.Equal(["without the inter view", "without prompts", "mask ratio 0.4", "random masking"], c.Differences(Pcm3Config.Paper));
        Assert.Equal(["without domain prompts"], (Pcm3Config.Paper with { DomainPrompts = false }).Differences(Pcm3Config.Paper));
        Assert.Empty(Pcm3Config.Paper.Differences(Pcm3Config.Paper));
        Assert.NotEqual(ConfigJson.Hash(c), ConfigJson.Hash(Pcm3Config.Paper));
    }

    [Fact]
    public void The_config_round_trips_through_json()
    {
        var c = Pcm3Config.Paper with { MaskView = false, Masking = Pcm3Masking.Random };
        var back = ConfigJson.Deserialize<MethodConfig>(ConfigJson.Serialize<MethodConfig>(c));
        Assert.Equal(ConfigJson.Hash<MethodConfig>(c), ConfigJson.Hash(back));
        Assert.Equal(c.Settings, ((Pcm3Config)back).Settings);
    }

    [Theory]
    [InlineData("MaskRatio")]
    [InlineData("PromptWidth")]
    [InlineData("KlWeight")]
    [InlineData("StudentTemperature")]
    public void Bad_settings_are_refused_naming_the_field(string field)
    {
        var s = Pcm3Config.Paper.Settings;
        var bad = field switch
        {
            "MaskRatio" => s with { MaskRatio = 1.2 },
            "PromptWidth" => s with { PromptWidth = 1024 },
            "KlWeight" => s with { KlWeight = -1 },
            _ => s with { StudentTemperature = 0 },
        };
        var e = Assert.Throws<ArgumentException>(() => (Pcm3Config.Paper with { Settings = bad }).Validate());
        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void A_config_with_no_positive_pair_and_no_masked_prediction_is_refused_the_masked_prediction_alone_is_not()
    {
        var e = Assert.Throws<ArgumentException>(() => (Pcm3Config.MaskedPredictionOnly with { PredictionWeight = 0 }).Validate());
        Assert.Contains("positive", e.Message);
        Assert.Contains("PredictionWeight is 0", e.Message);
        Pcm3Config.MaskedPredictionOnly.Validate();
        Assert.Equal(["without the intra view", "without the inter view", "without the mask view", "without the predicted view", "without the KL loss"],
                     Pcm3Config.MaskedPredictionOnly.Differences(Pcm3Config.Paper).ToArray());
    }
}
