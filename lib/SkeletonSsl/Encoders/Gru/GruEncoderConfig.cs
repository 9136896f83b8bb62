using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.Gru;

/// <summary>
/// The CMD GRU encoder used by PCM3 and A2MC (spec/pcm3.md §5, spec/a2mc.md §1.3): input
/// BatchNorm1d over the 150-value frame, three layers of two causal GRU chains of hidden 1024, the
/// 2048-d last-step feature and the "mlp" projection head 2048 → 2048 → 128.
/// Quick-profile runs use <c>with { Hidden = 256 }</c>; evaluation models use
/// <c>with { MlpHead = false, HeadOutput = classes }</c>.
/// </summary>
public sealed record GruEncoderConfig : EncoderConfig
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => "gru";

    /// <summary>Values per frame: V·C·M = 25·3·2, index 6v + 2c + m (spec/pcm3.md §1).</summary>
    public int InputSize { get; init; } = NtuLayout.Joints * NtuLayout.Channels * NtuLayout.MaxBodies;

    /// <summary>Hidden size of each chain ("direction"); the feature is twice as wide.</summary>
    public int Hidden { get; init; } = 1024;

    /// <summary>Stacked layers.</summary>
    public int Layers { get; init; } = 3;

    /// <summary>True: fc = Linear(2H, 2H), ReLU, Linear(2H, HeadOutput); false: fc = Linear(2H, HeadOutput).</summary>
    public bool MlpHead { get; init; } = true;

    /// <summary>Output of the head: the contrastive dimension (128) or the number of classes.</summary>
    public int HeadOutput { get; init; } = 128;

    /// <summary>Width of the feature: the two chains of the top layer concatenated.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public override int FeatureDim => 2 * Hidden;

    /// <summary>The CMD / PCM3 / A2MC pre-training encoder (the defaults).</summary>
    public static GruEncoderConfig Cmd { get; } = new();

    public override SkeletonEncoder Build(Generator? generator = null) => new GruEncoder(this, generator);

    public override EncoderConfig WithHead(bool mlp, int output) => this with { MlpHead = mlp, HeadOutput = output };

    /// <summary>Quick: 3 × 256 (DESIGN "Profiles"); Smoke: 2 × 32. Reduced-profile choices, not the papers'.</summary>
    public override EncoderConfig For(Profile profile) => profile switch
    {
        Profile.Paper => this,
        Profile.Quick => this with { Hidden = 256 },
        Profile.Smoke => this with { Hidden = 32, Layers = 2 },
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "expected smoke, quick or paper"),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public override void Validate()
    {
        if (InputSize <= 0) throw new ArgumentException($"GruEncoderConfig.InputSize = {InputSize}: expected a positive size");
        if (Hidden <= 0) throw new ArgumentException($"GruEncoderConfig.Hidden = {Hidden}: expected a positive size");
        if (Layers <= 0) throw new ArgumentException($"GruEncoderConfig.Layers = {Layers}: expected at least one layer");
        if (HeadOutput <= 0) throw new ArgumentException($"GruEncoderConfig.HeadOutput = {HeadOutput}: expected a positive size");
    }
}
