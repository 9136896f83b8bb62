using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.StGcn;

/// <summary>How a block's input reaches its output (spec/aimclr.md §3.2).</summary>
public enum StGcnResidual
{
    /// <summary>No residual: the branch adds 0 (block 1).</summary>
    None,
    /// <summary>x itself (same width, stride 1).</summary>
    Identity,
    /// <summary>1×1 convolution with the block's stride, then BatchNorm (keys residual.0, residual.1).</summary>
    Projection,
}

/// <summary>
/// One ST-GCN block (reference keys <c>st_gcn_networks.{i}.gcn|tcn|residual</c>, spec/aimclr.md §3.2):
/// out = ReLU(tcn(gcn(x, Ã)) + residual(x)) with tcn = BN, ReLU, Conv(k_t × 1, stride s), BN, Dropout.
/// </summary>
public sealed class StGcnBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly GraphConvolution gcn;
    private readonly Sequential tcn;
    private readonly Sequential? residual;
    private readonly StGcnResidual _residualKind;

    public StGcnBlock(int inChannels, int outChannels, int temporalKernel, int stride, double dropout,
        StGcnResidual residualKind, Generator? dropoutGenerator = null) : base(nameof(StGcnBlock))
    {
        if (residualKind == StGcnResidual.Identity && (inChannels != outChannels || stride != 1))
            throw new ArgumentException($"an identity residual needs equal widths and stride 1, got {inChannels}→{outChannels}, stride {stride}");
        _residualKind = residualKind;
        gcn = new GraphConvolution(inChannels, outChannels, NtuGraphPartitions);
        tcn = nn.Sequential(
            nn.BatchNorm2d(outChannels),
            nn.ReLU(),
            nn.Conv2d(outChannels, outChannels, (temporalKernel, 1), stride: (stride, 1), padding: ((temporalKernel - 1) / 2, 0)),
            nn.BatchNorm2d(outChannels),
            new SeededDropout(dropout, dropoutGenerator));
        if (residualKind == StGcnResidual.Projection)
            residual = nn.Sequential(
                nn.Conv2d(inChannels, outChannels, (1, 1), stride: (stride, 1)),
                nn.BatchNorm2d(outChannels));
        RegisterComponents();
    }

    private const int NtuGraphPartitions = Skeletons.NtuGraph.Partitions;

    /// <summary>The residual rule of the reference: none if disabled, identity if shapes match, else projection.</summary>
    public static StGcnResidual ResidualFor(bool enabled, int inChannels, int outChannels, int stride) =>
        !enabled ? StGcnResidual.None
        : inChannels == outChannels && stride == 1 ? StGcnResidual.Identity
        : StGcnResidual.Projection;

    /// <summary>x: (NM, C_in, T, V), a: Ã = A ⊙ E (K, V, V) → (NM, C_out, ⌈T / s⌉, V).</summary>
    public override Tensor forward(Tensor x, Tensor a)
    {
        using var g = gcn.forward(x, a);
        var y = tcn.forward(g);
        switch (_residualKind)
        {
            case StGcnResidual.Identity:
                y.add_(x);
                break;
            case StGcnResidual.Projection:
                using (var r = residual!.forward(x)) y.add_(r);
                break;
        }
        return y.relu_();
    }
}
