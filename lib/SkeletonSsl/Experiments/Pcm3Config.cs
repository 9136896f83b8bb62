using SkeletonSsl.Data.Preprocessing;
using System.Text.Json.Serialization;
using SkeletonSsl.Augmentations;
using SkeletonSsl.Augmentations.Mixing;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Decoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Methods;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Experiments;

/// <summary>
/// PCM3 (<see cref="Methods.Pcm3"/>; Zhang et al., ACM MM 2023): MoCo v2 on the CMD GRU with intra, inter, masked and
/// predicted positives, relational KL, topology-masked motion prediction and dual prompts (<see cref="Settings"/>;
/// spec/pcm3.md §3-7). <see cref="Paper"/>: the paper's schedule (§4.2: 450 epochs, lr 0.02 → 0.002 after epoch 350,
/// batch 128, SGD m 0.9, wd 1e-4, K = 16384, τ = 0.07); <see cref="Released"/>: the released code's 451 epochs with
/// the step after epoch 351 (spec §6.8, §11.1). The ablations of Tables 8-10 read as <c>with</c> expressions, e.g.
/// <c>Pcm3Config.Paper with { DomainPrompts = false, TaskPrompts = false, MaskView = false }</c>; the switches pass
/// through to <see cref="Settings"/>, which is what serialises.
/// </summary>
public sealed record Pcm3Config : MocoMethodConfig
{
    [JsonIgnore]
    public override string Name => "pcm3";

    public override EncoderConfig Encoder { get; init; } = GruEncoderConfig.Cmd;

    /// <summary>PCM3's own settings: positives, KL, prompts, masking, loss weights.</summary>
    public Pcm3Settings Settings { get; init; } = new();

    /// <summary>The masked motion prediction decoder (spec §6.4: MLP 2048 → 512, 2-layer GRU of 512, Linear(512, 150)); its
    /// FeatureDim is the encoder's feature width.</summary>
    public Pcm3DecoderConfig Decoder { get; init; } = new();

    /// <summary>The preset of the masked / reconstructed view v3 (crop-resize, then always shear; spec §3).</summary>
    public string MaskViewAugmentation { get; init; } = "pcm3-mask-view";

    /// <summary>The paper's PCM3 (§4.2): the CMD pipeline and views, the MoCo sizes and schedule of the paper.</summary>
    public Pcm3Config()
    {
        Pipeline = PreparePipeline.Cmd.Name;
        NormalAugmentation = "pcm3-intra";
        Moco = new MocoConfig { QueueSize = 16384, Momentum = 0.999, Temperature = 0.07, FeatureDim = 128 };
        Training = new TrainingConfig
        {
            Epochs = 450, ScheduleEpochs = 450, LrSteps = [350], LearningRate = 0.02, BatchSize = 128, WeightDecay = 1e-4, Momentum = 0.9,
        };
        Recipes = EvaluationRecipes.Cmd;
    }

    /// <summary>The paper's PCM3 (§4.2).</summary>
    public static Pcm3Config Paper { get; } = new();

    /// <summary>The released code's schedule (spec §6.8, §11.1): 451 epochs (0…450), lr × 0.1 from 0-based epoch 351,
    /// i.e. after 1-based epoch 351. Everything else as <see cref="Paper"/>.</summary>
    public static Pcm3Config Released { get; } = Paper with
    {
        Training = Paper.Training with { Epochs = 451, ScheduleEpochs = 451, LrSteps = [351] },
    };

    /// <summary>
    /// Table 7's "Masked Prediction" (§4.4 item 2): the masked motion prediction L_m alone, no contrastive pair and no KL;
    /// prompts as in the paper's PCM3. The paper gives the variants of Table 7 by name only; the switch settings of this
    /// and the next two are the kit's reconstruction from the prose.
    /// </summary>
    public static Pcm3Config MaskedPredictionOnly { get; } = Paper with
    {
        IntraView = false, InterView = false, MaskView = false, PredictView = false, RelationalKl = false,
    };

    /// <summary>
    /// Table 7's "Contrastive Learning" (reconstruction): PCM3's contrastive pipeline alone, the intra and inter (mixed)
    /// positives of §3.1 with InfoNCE, no masked branch (no masked or predicted view, λ_m = 0) and no KL. Its 87.3 matches
    /// Table 8's s_intra + s_inter row (87.5).
    /// </summary>
    public static Pcm3Config ContrastiveOnly { get; } = Paper with
    {
        MaskView = false, PredictView = false, RelationalKl = false, PredictionWeight = 0,
    };

    /// <summary>
    /// Table 7's "Multi-Task" (reconstruction): "simply combining the two tasks in a multi-tasking manner", the loss of
    /// <see cref="ContrastiveOnly"/> plus λ_m·L_m, without the connections of §3.3 (no masked or predicted view as positives,
    /// no relational KL).
    /// </summary>
    public static Pcm3Config MultiTask { get; } = Paper with { MaskView = false, PredictView = false, RelationalKl = false };

    /// <summary>s_intra of Table 8.</summary>
    [JsonIgnore]
    public bool IntraView { get => Settings.IntraView; init => Settings = Settings with { IntraView = value }; }

    /// <summary>s_inter of Table 8.</summary>
    [JsonIgnore]
    public bool InterView { get => Settings.InterView; init => Settings = Settings with { InterView = value }; }

    /// <summary>s_mask of Table 8.</summary>
    [JsonIgnore]
    public bool MaskView { get => Settings.MaskView; init => Settings = Settings with { MaskView = value }; }

    /// <summary>s_predict of Table 8.</summary>
    [JsonIgnore]
    public bool PredictView { get => Settings.PredictView; init => Settings = Settings with { PredictView = value }; }

    /// <summary>L_KL of Table 8.</summary>
    [JsonIgnore]
    public bool RelationalKl { get => Settings.RelationalKl; init => Settings = Settings with { RelationalKl = value }; }

    /// <summary>Domain-specific prompts of Table 9.</summary>
    [JsonIgnore]
    public bool DomainPrompts { get => Settings.DomainPrompts; init => Settings = Settings with { DomainPrompts = value }; }

    /// <summary>Task-specific prompts of Table 9.</summary>
    [JsonIgnore]
    public bool TaskPrompts { get => Settings.TaskPrompts; init => Settings = Settings with { TaskPrompts = value }; }

    /// <summary>λ_m of Eq. 7 (<see cref="Pcm3Settings.PredictionWeight"/>).</summary>
    [JsonIgnore]
    public double PredictionWeight { get => Settings.PredictionWeight; init => Settings = Settings with { PredictionWeight = value }; }

    /// <summary>The mask ratio of Table 10.</summary>
    [JsonIgnore]
    public double MaskRatio { get => Settings.MaskRatio; init => Settings = Settings with { MaskRatio = value }; }

    /// <summary>Topology-based or random masking (Table 10).</summary>
    [JsonIgnore]
    public Pcm3Masking Masking { get => Settings.Masking; init => Settings = Settings with { Masking = value }; }

    /// <summary>Tables 8-10's switches in words: "without the inter view", "without prompts", "mask ratio 0.4", "random masking".</summary>
    public override IEnumerable<string> Differences(MethodConfig preset)
    {
        foreach (var d in base.Differences(preset)) yield return d;
        if (preset is not Pcm3Config paper) yield break;
        var (s, p) = (Settings, paper.Settings);
        if (Training.LrSteps.SequenceEqual(paper.Training.LrSteps) is false) yield return $"lr step after epoch {string.Join("/", Training.LrSteps)}";
        if (NormalAugmentation != paper.NormalAugmentation) yield return $"intra views {NormalAugmentation}";
        if (MaskViewAugmentation != paper.MaskViewAugmentation) yield return $"mask view {MaskViewAugmentation}";
        if (Decoder != paper.Decoder) yield return $"decoder {Decoder.Width} wide, {Decoder.GruLayers} GRU layers";
        if (s.IntraView != p.IntraView) yield return s.IntraView ? "with the intra view" : "without the intra view";
        if (s.InterView != p.InterView) yield return s.InterView ? "with the inter view" : "without the inter view";
        if (s.MaskView != p.MaskView) yield return s.MaskView ? "with the mask view" : "without the mask view";
        if (s.PredictView != p.PredictView) yield return s.PredictView ? "with the predicted view" : "without the predicted view";
        if (s.RelationalKl != p.RelationalKl) yield return s.RelationalKl ? "with the KL loss" : "without the KL loss";
        if (s.DomainPrompts != p.DomainPrompts && s.TaskPrompts != p.TaskPrompts)
            yield return s.DomainPrompts ? "with prompts" : "without prompts";
        else
        {
            if (s.DomainPrompts != p.DomainPrompts) yield return s.DomainPrompts ? "with domain prompts" : "without domain prompts";
            if (s.TaskPrompts != p.TaskPrompts) yield return s.TaskPrompts ? "with task prompts" : "without task prompts";
        }
        if (s.MaskRatio != p.MaskRatio) yield return $"mask ratio {s.MaskRatio}";
        if (s.Masking != p.Masking) yield return s.Masking == Pcm3Masking.Random ? "random masking" : "topology masking";
        if (s.ContrastGradientToDecoder != p.ContrastGradientToDecoder)
            yield return s.ContrastGradientToDecoder ? "with the contrastive gradient to the decoder" : "without the contrastive gradient to the decoder";
        if (s.KlWeight != p.KlWeight) yield return $"KL weight {s.KlWeight}";
        if (s.PredictionWeight != p.PredictionWeight) yield return $"prediction weight {s.PredictionWeight}";
        if (s.TeacherTemperature != p.TeacherTemperature) yield return $"teacher temperature {s.TeacherTemperature}";
        if (s.StudentTemperature != p.StudentTemperature) yield return $"student temperature {s.StudentTemperature}";
        if (s.PromptWidth != p.PromptWidth) yield return $"task prompt width {s.PromptWidth}";
        if (s.PromptFreeSecondaryStreams != p.PromptFreeSecondaryStreams)
            yield return s.PromptFreeSecondaryStreams ? "bone and motion without prompts" : "bone and motion with prompts";
    }

    /// <summary>GRU hidden size of PCM3's Quick preset (the GRU's own Quick size is 256; see <see cref="For"/>).</summary>
    public const int QuickHidden = 128;

    /// <summary>
    /// The reduced sizes of the MoCo configs (<see cref="ReducedProfiles"/>, the GRU's own For) with the paper's
    /// proportions kept for PCM3's own widths (kit choices, not the paper's): the decoder a quarter of the feature width
    /// (512 of 2048) and the task prompt's window an eighth of the hidden size (128 of 1024). Quick: GRU 3 × 128,
    /// decoder 64, r = 16; Smoke: GRU 2 × 32, decoder 16, r = 4.
    /// <para>Quick halves the GRU's Quick hidden size (256 → <see cref="QuickHidden"/>): a PCM3 step runs the query
    /// encoder four times (v1, the masked, the recovered and the mixed view) besides the key and two decoder passes, and
    /// at 3 × 256 one Quick epoch (1,545 clips, batch 32) took 382 s on a shared 2-core machine (207 CPU-seconds), at 3 × 128
    /// 131 s (75 CPU-seconds), so the 2-epoch Quick run takes about 2-4 minutes there.</para>
    /// </summary>
    public override MethodConfig For(Profile profile)
    {
        if (profile == Profile.Paper) return this;
        var reduced = (Pcm3Config)base.For(profile);
        if (profile == Profile.Quick && reduced.Encoder is GruEncoderConfig quick) reduced = reduced with { Encoder = quick with { Hidden = QuickHidden } };
        if (reduced.Encoder is not GruEncoderConfig gru) return reduced;
        var ratio = (double)gru.Hidden / ((GruEncoderConfig)Encoder).Hidden;
        return reduced with
        {
            Decoder = Decoder with { FeatureDim = gru.FeatureDim, Width = Math.Max(1, (int)Math.Round(Decoder.Width * ratio)) },
            Settings = Settings with { PromptWidth = Math.Max(1, (int)Math.Round(Settings.PromptWidth * ratio)) },
        };
    }

    public override IPretrainMethod Create(SkeletonStream stream, Generator queueGenerator)
    {
        if (TrainedEncoder is not GruEncoderConfig encoder)
            throw new ArgumentException($"pcm3: Encoder is a {Encoder.Kind} encoder: expected the GRU encoder (domain prompts are 150-d frames, spec §6.3)");
        var inter = AugmentationPresets.Create("pcm3-inter") as ISampleMixing
                    ?? throw new InvalidOperationException("the pcm3-inter preset is not a sample mixing");
        return new Methods.Pcm3(Settings, Moco, () => (GruEncoder)encoder.Build(), Decoder,
                                AugmentationPresets.Create(NormalAugmentation), AugmentationPresets.Create(MaskViewAugmentation), inter,
                                stream, queueGenerator);
    }

    public override void Validate()
    {
        base.Validate();
        Settings.Validate();
        _ = AugmentationPresets.Create(MaskViewAugmentation);
        Decoder.Validate();
        if (TrainedEncoder is not GruEncoderConfig gru)
            throw new ArgumentException($"pcm3: Encoder is a {Encoder.Kind} encoder: expected the GRU encoder (domain prompts are 150-d frames, spec §6.3)");
        if (Settings.TaskPrompts && Settings.PromptWidth >= gru.Hidden)
            throw new ArgumentException($"pcm3: Settings.PromptWidth = {Settings.PromptWidth}: expected less than the GRU's hidden size {gru.Hidden} (one window per direction half)");
        if (Decoder.FeatureDim != gru.FeatureDim)
            throw new ArgumentException($"pcm3: Decoder.FeatureDim = {Decoder.FeatureDim}: expected the encoder's feature width {gru.FeatureDim}");
        if (Decoder.OutputSize != gru.InputSize)
            throw new ArgumentException($"pcm3: Decoder.OutputSize = {Decoder.OutputSize}: expected the encoder's frame size {gru.InputSize}");
        if (Training.BatchSize < 3)
            throw new ArgumentException($"pcm3: Training.BatchSize = {Training.BatchSize}: the inter view needs at least 3 clips per batch (spec §6.2)");
    }
}
