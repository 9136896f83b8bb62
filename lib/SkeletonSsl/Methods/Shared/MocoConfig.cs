namespace SkeletonSsl.Methods.Shared;

/// <summary>
/// MoCo v2 settings (spec/aimclr.md §0, §4; AimCLR paper §4.2): projection dim 128, queue
/// length K = 32768, key momentum 0.999, temperature 0.07, key encoder copied from the query.
/// </summary>
public sealed record MocoConfig
{
    public int FeatureDim { get; init; } = 128;
    public int QueueSize { get; init; } = 32768;
    public double Momentum { get; init; } = 0.999;
    public double Temperature { get; init; } = 0.07;
    public KeyEncoderInit KeyInit { get; init; } = KeyEncoderInit.CopyOfQuery;

    public void Validate()
    {
        if (FeatureDim < 1 || QueueSize < 1) throw new ArgumentException($"MoCo needs a positive feature dim and queue size, got {FeatureDim} and {QueueSize}");
        if (Momentum is < 0 or > 1) throw new ArgumentException($"key momentum must lie in [0, 1], got {Momentum}");
        if (!(Temperature > 0)) throw new ArgumentException($"temperature must be positive, got {Temperature}");
    }
}
