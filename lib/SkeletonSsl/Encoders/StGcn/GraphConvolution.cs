using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.StGcn;

/// <summary>
/// The spatial graph convolution of one ST-GCN block (reference key <c>gcn.conv</c>,
/// spec/aimclr.md §3.2 step 2): a 1×1 convolution to K·C_out channels, read as (k, c) with
/// channel index k·C_out + c, then aggregation over the partitions:
/// out[n, c, t, w] = Σ_k Σ_v X_k[n, c, t, v] · Ã[k][v, w].
/// </summary>
public sealed class GraphConvolution : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly int _partitions;
    private readonly int _outChannels;

    public GraphConvolution(int inChannels, int outChannels, int partitions) : base(nameof(GraphConvolution))
    {
        _partitions = partitions;
        _outChannels = outChannels;
        conv = nn.Conv2d(inChannels, partitions * outChannels, kernel_size: 1, bias: true);
        RegisterComponents();
    }

    /// <summary>x: (NM, C_in, T, V), a: (K, V, V) → (NM, C_out, T, V).</summary>
    public override Tensor forward(Tensor x, Tensor a)
    {
        long nm = x.shape[0], t = x.shape[2], v = x.shape[3];
        using var g = conv.forward(x).view(nm, _partitions, _outChannels, t, v);
        return einsum("nkctv,kvw->nctw", g, a); // §3.1 indexing convention
    }
}
