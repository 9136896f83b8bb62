using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.Decoders;

/// <summary>
/// PCM3's decoder (spec/pcm3.md §6.4): the encoder's per-step output H (N, T, 2048) goes through
/// the per-frame MLP <c>linear</c> (Linear, BatchNorm1d over the N·T rows, ReLU, Linear), then
/// <see cref="ReconstructionDecoder"/> (<c>recons_decoder</c>), predicting the full sequence
/// (N, T, 150) in the encoder's 6v + 2c + m layout. Keys are the reference's top-level keys
/// <c>linear.*</c> and <c>recons_decoder.*</c>: load a whole PCM3 checkpoint into this module with a
/// partial load, or register it in a method module and map the keys.
/// </summary>
public sealed class Pcm3Decoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential linear;
    private readonly ReconstructionDecoder recons_decoder;

    public Pcm3DecoderConfig Config { get; }

    /// <summary>Builds the decoder with PyTorch's default initialisation drawn from <paramref name="generator"/> (§5.2).</summary>
    public Pcm3Decoder(Pcm3DecoderConfig? config = null, Generator? generator = null) : base(nameof(Pcm3Decoder))
    {
        Config = config ?? new Pcm3DecoderConfig();
        Config.Validate();
        linear = nn.Sequential(
            nn.Linear(Config.FeatureDim, Config.Width),
            nn.BatchNorm1d(Config.Width),
            nn.ReLU(),
            nn.Linear(Config.Width, Config.Width));
        recons_decoder = new ReconstructionDecoder(Config.Width, Config.GruLayers, Config.OutputSize);
        RegisterComponents();
        ResetParameters(generator);
    }

    /// <summary>
    /// PyTorch defaults, seeded: Linear weight and bias ~ U(±1/√fan_in), GRU parameters
    /// ~ U(±1/√width), BatchNorm γ = 1, β = 0.
    /// </summary>
    public void ResetParameters(Generator? generator = null)
    {
        using var _ = no_grad();
        foreach (var (_, m) in named_modules())
        {
            switch (m)
            {
                case Linear l:
                    ProjectionHeads.ResetLinearDefault(l, generator);
                    break;
                case BatchNorm1d bn:
                    bn.reset_parameters();
                    bn.reset_running_stats();
                    break;
                case GRU gru:
                    double bound = 1.0 / Math.Sqrt(Config.Width);
                    foreach (var p in gru.parameters()) p.uniform_(-bound, bound, generator);
                    break;
            }
        }
    }

    /// <summary>h: (N, T, FeatureDim) → predicted sequence (N, T, OutputSize).</summary>
    public override Tensor forward(Tensor h)
    {
        if (h.dim() != 3 || h.shape[2] != Config.FeatureDim)
            throw new ArgumentException($"decoder input must be (N, T, {Config.FeatureDim}), got [{string.Join(", ", h.shape)}]");
        long n = h.shape[0], t = h.shape[1];
        using var scope = NewDisposeScope();
        // Per-frame MLP on the N·T rows (BatchNorm statistics over all of them).
        var rows = linear.forward(h.reshape(n * t, Config.FeatureDim)).view(n, t, Config.Width);
        return recons_decoder.forward(rows).MoveToOuterDisposeScope();
    }
}
