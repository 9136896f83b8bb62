using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Encoders.Decoders;

/// <summary>
/// PCM3's masked-motion-prediction decoder (spec/pcm3.md §6.4): per-frame MLP
/// Linear(2048, 512), BatchNorm1d(512), ReLU, Linear(512, 512); a 2-layer GRU of width 512; a
/// per-frame Linear(512, 150). <see cref="FeatureDim"/> follows the encoder (2 × its hidden size).
/// </summary>
public sealed record Pcm3DecoderConfig
{
    /// <summary>Width of the encoder's per-step output (2H).</summary>
    public int FeatureDim { get; init; } = 2048;

    /// <summary>Width of the MLP and of the GRU.</summary>
    public int Width { get; init; } = 512;

    /// <summary>GRU layers.</summary>
    public int GruLayers { get; init; } = 2;

    /// <summary>Values per predicted frame, in the encoder's 6v + 2c + m layout.</summary>
    public int OutputSize { get; init; } = NtuLayout.Joints * NtuLayout.Channels * NtuLayout.MaxBodies;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (FeatureDim <= 0 || Width <= 0 || GruLayers <= 0 || OutputSize <= 0)
            throw new ArgumentException($"Pcm3DecoderConfig: every size must be positive, got {this}");
    }
}
