using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.Decoders;

/// <summary>
/// The recurrent part of PCM3's decoder (reference key <c>recons_decoder</c>, spec/pcm3.md §6.4):
/// a unidirectional batch-first GRU (<c>decoder</c>, zero initial state) and a per-step
/// Linear to the frame layout (<c>reconstruction</c>).
/// </summary>
public sealed class ReconstructionDecoder : nn.Module<Tensor, Tensor>
{
    private readonly GRU decoder;
    private readonly Linear reconstruction;

    public ReconstructionDecoder(int width, int layers, int outputSize) : base(nameof(ReconstructionDecoder))
    {
        decoder = nn.GRU(width, width, numLayers: layers, batchFirst: true);
        reconstruction = nn.Linear(width, outputSize);
        RegisterComponents();
    }

    /// <summary>h: (N, T, width) → (N, T, outputSize).</summary>
    public override Tensor forward(Tensor h)
    {
        var (output, last) = decoder.forward(h, null);
        using (last)
        using (output)
            return reconstruction.forward(output);
    }
}
