using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.StGcn;

/// <summary>
/// ST-GCN as CrosSCLR/AimCLR configure it (spec/aimclr.md §3.2, §8.1): ten blocks of widths
/// 16,16,16,16,32,32,32,64,64,256 with temporal strides 2 at blocks 5 and 8, temporal kernel 9,
/// dropout 0.5, edge importance on, and the "mlp" projection head 256 → 256 → 128.
/// The standard ST-GCN (64…256) is <see cref="Standard"/>; evaluation models use
/// <c>with { MlpHead = false, HeadOutput = classes }</c>.
/// </summary>
public sealed record StGcnConfig : EncoderConfig
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => "stgcn";

    /// <summary>Input coordinates per joint (x, y, z).</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Output width of each block; the last one is the feature width (hidden_dim).</summary>
    public IReadOnlyList<int> Widths { get; init; } = [16, 16, 16, 16, 32, 32, 32, 64, 64, 256];

    /// <summary>Temporal stride of each block.</summary>
    public IReadOnlyList<int> Strides { get; init; } = [1, 1, 1, 1, 2, 1, 1, 2, 1, 1];

    /// <summary>
    /// Residual of each block; null = the reference rule: none for block 1, identity where width
    /// and length are kept, else a 1×1 convolution + BN (<see cref="StGcnBlock.ResidualFor"/>).
    /// </summary>
    public IReadOnlyList<StGcnResidual>? Residuals { get; init; }

    /// <summary>Temporal kernel size (odd; padding keeps the length at stride 1).</summary>
    public int TemporalKernel { get; init; } = 9;

    /// <summary>Dropout of blocks 2…10 (block 1 never has dropout, §3.2).</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Learnable edge-importance masks (3×25×25 per block, initialised to ones).</summary>
    public bool EdgeImportance { get; init; } = true;

    /// <summary>True: fc = Linear(h, h), ReLU, Linear(h, HeadOutput) ("mlp"); false: fc = Linear(h, HeadOutput).</summary>
    public bool MlpHead { get; init; } = true;

    /// <summary>Output of the head: the contrastive dimension (128) or the number of classes.</summary>
    public int HeadOutput { get; init; } = 128;

    /// <summary>Weight initialisation; the reference scheme (§3.4) unless a reduced profile picks another.</summary>
    public StGcnInit Init { get; init; } = StGcnInit.Reference;

    /// <summary>Width of the pooled feature (the last block's width).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public override int FeatureDim => Widths[^1];

    /// <summary>AimCLR / SkeletonCLR / CrosSCLR pre-training encoder (the defaults).</summary>
    public static StGcnConfig AimClr { get; } = new();

    /// <summary>The original ST-GCN widths 64,64,64,64,128,128,128,256,256,256.</summary>
    public static StGcnConfig Standard { get; } = new() { Widths = [64, 64, 64, 64, 128, 128, 128, 256, 256, 256] };

    /// <summary>
    /// The reference's width rule from a base width c0 and hidden_dim h: c0 ×4, 2c0 ×3, 4c0 ×2, h
    /// (AimCLR: c0 = 16, h = 256).
    /// </summary>
    public static StGcnConfig FromBaseWidth(int c0, int hidden) =>
        new() { Widths = [c0, c0, c0, c0, 2 * c0, 2 * c0, 2 * c0, 4 * c0, 4 * c0, hidden] };

    public override SkeletonEncoder Build(Generator? generator = null) => new StGcnEncoder(this, generator);

    public override EncoderConfig WithHead(bool mlp, int output) => this with { MlpHead = mlp, HeadOutput = output };

    /// <summary>
    /// Quick: quarter width (4…16, h = 32); Smoke: 4…16, h = 16. Both with PyTorch's default init and
    /// dropout 0.1: they run about a hundred steps, where the reference N(0, 0.02) init learns too slowly.
    /// </summary>
    public override EncoderConfig For(Profile profile) => profile switch
    {
        Profile.Paper => this,
        Profile.Quick => FromBaseWidth(4, 32) with { Init = StGcnInit.PyTorchDefault, Dropout = 0.1, MlpHead = MlpHead, HeadOutput = HeadOutput },
        Profile.Smoke => FromBaseWidth(4, 16) with { Init = StGcnInit.PyTorchDefault, Dropout = 0.1, MlpHead = MlpHead, HeadOutput = HeadOutput },
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "expected smoke, quick or paper"),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent field.</summary>
    public override void Validate()
    {
        if (Widths.Count == 0) throw new ArgumentException("StGcnConfig.Widths is empty: expected one width per block");
        if (Strides.Count != Widths.Count)
            throw new ArgumentException($"StGcnConfig.Strides has {Strides.Count} entries but Widths has {Widths.Count}: expected one stride per block");
        if (Residuals is not null && Residuals.Count != Widths.Count)
            throw new ArgumentException($"StGcnConfig.Residuals has {Residuals.Count} entries but Widths has {Widths.Count}: expected one per block");
        if (Widths.Any(w => w <= 0)) throw new ArgumentException("StGcnConfig.Widths: every width must be positive");
        if (Strides.Any(s => s <= 0)) throw new ArgumentException("StGcnConfig.Strides: every stride must be positive");
        if (TemporalKernel <= 0 || TemporalKernel % 2 == 0)
            throw new ArgumentException($"StGcnConfig.TemporalKernel = {TemporalKernel}: expected a positive odd number");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"StGcnConfig.Dropout = {Dropout}: expected 0 <= p < 1");
        if (InChannels <= 0 || HeadOutput <= 0) throw new ArgumentException("StGcnConfig: InChannels and HeadOutput must be positive");
    }
}
