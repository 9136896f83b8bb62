using SkeletonSsl.Skeletons;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.StGcn;

/// <summary>
/// The ST-GCN encoder of CrosSCLR / SkeletonCLR / AimCLR (spec/aimclr.md §3): data BatchNorm over
/// V·C = 75 channels with the bodies folded into the batch, ten spatial-temporal blocks on the NTU
/// 'spatial' graph with learnable edge importance, global average pooling, the mean over bodies,
/// and the head <c>fc</c>. Parameter names are the reference state-dict keys (§3.5), so the authors'
/// checkpoints load unchanged. <see cref="ForwardWithDrop"/> is AimCLR's drop branch (§3.3 step 5).
/// </summary>
public sealed class StGcnEncoder : SkeletonEncoder, IDropBranchEncoder
{
    // Field order = the reference registration order (§3.5): A, data_bn, st_gcn_networks, fc, edge_importance.
    private Tensor A;
    private readonly BatchNorm1d data_bn;
    private readonly ModuleList<StGcnBlock> st_gcn_networks;
    private nn.Module<Tensor, Tensor> fc;
    private readonly ParameterList? edge_importance;

    public StGcnConfig Config { get; }

    /// <summary>Builds the encoder and applies the reference initialisation (§3.4) from <paramref name="generator"/>.</summary>
    /// <param name="config">Architecture; <see cref="StGcnConfig.AimClr"/> by default.</param>
    /// <param name="generator">Source of the initial weights and of the dropout masks; torch's global generator when null.</param>
    public StGcnEncoder(StGcnConfig? config = null, Generator? generator = null) : base(nameof(StGcnEncoder))
    {
        Config = config ?? StGcnConfig.AimClr;
        Config.Validate();
        var a = NtuGraph.SpatialPartition();
        A = tensor(a.Cast<float>().ToArray(), [NtuGraph.Partitions, NtuLayout.Joints, NtuLayout.Joints]);
        data_bn = nn.BatchNorm1d(Config.InChannels * NtuLayout.Joints);

        var blocks = new List<StGcnBlock>();
        int inWidth = Config.InChannels;
        for (int i = 0; i < Config.Widths.Count; i++)
        {
            int outWidth = Config.Widths[i], stride = Config.Strides[i];
            // Block 1: no residual and no dropout (§3.2).
            var residual = Config.Residuals?[i] ?? StGcnBlock.ResidualFor(enabled: i > 0, inWidth, outWidth, stride);
            blocks.Add(new StGcnBlock(inWidth, outWidth, Config.TemporalKernel, stride, i == 0 ? 0 : Config.Dropout, residual, generator));
            inWidth = outWidth;
        }
        st_gcn_networks = nn.ModuleList(blocks.ToArray());
        fc = ProjectionHeads.Create(Config.FeatureDim, Config.MlpHead, Config.HeadOutput);
        if (Config.EdgeImportance)
            edge_importance = new ParameterList(blocks.Select(_ => new Parameter(ones(NtuGraph.Partitions, NtuLayout.Joints, NtuLayout.Joints))).ToArray());
        RegisterComponents();
        ResetParameters(generator);
    }

    /// <inheritdoc />
    public override int FeatureDim => Config.FeatureDim;

    /// <summary>The head currently registered as <c>fc</c>.</summary>
    public nn.Module<Tensor, Tensor> HeadModule => fc;

    /// <summary>The graph partition A (3, 25, 25), a buffer (key <c>A</c>).</summary>
    public Tensor Adjacency => A;

    /// <summary>
    /// The reference <c>weights_init</c> (§3.4): conv and linear weights ~ N(0, 0.02), biases 0,
    /// BatchNorm γ ~ N(1, 0.02), β = 0; edge importance = 1. Running statistics are reset.
    /// <see cref="StGcnInit.PyTorchDefault"/> (reduced profiles) draws PyTorch's default instead.
    /// </summary>
    public void ResetParameters(Generator? generator = null)
    {
        using var _ = no_grad();
        foreach (var (_, m) in named_modules().Prepend(("", this)))
        {
            switch (m)
            {
                case Conv2d or Linear or Conv1d when Config.Init == StGcnInit.PyTorchDefault:
                    // PyTorch's default: kaiming_uniform(a = √5) = U(±1/√fan_in), bias U(±1/√fan_in).
                    var wd = m.get_parameter("weight");
                    double bound = 1.0 / Math.Sqrt(wd.shape.Skip(1).Aggregate(1L, (x, y) => x * y));
                    wd.uniform_(-bound, bound, generator);
                    m.get_parameter("bias")?.uniform_(-bound, bound, generator);
                    break;
                case Conv2d or Linear or Conv1d:
                    var w = m.get_parameter("weight");
                    w.normal_(0, 0.02, generator);
                    m.get_parameter("bias")?.zero_();
                    break;
                case BatchNorm1d or BatchNorm2d:
                    if (Config.Init == StGcnInit.PyTorchDefault) m.get_parameter("weight").fill_(1);
                    else m.get_parameter("weight").normal_(1, 0.02, generator);
                    m.get_parameter("bias").zero_();
                    m.get_buffer("running_mean").zero_();
                    m.get_buffer("running_var").fill_(1);
                    m.get_buffer("num_batches_tracked")?.zero_();
                    break;
            }
        }
        if (edge_importance is not null)
            foreach (var e in edge_importance) e.fill_(1);
    }

    /// <summary>
    /// The last feature map F before pooling. x: (N, C, T, V, M) → (N·M, FeatureDim, T', V), with
    /// the rows ordered sample-major (row n·M + m is body m of sample n).
    /// </summary>
    public Tensor FeatureMap(Tensor x)
    {
        if (x.dim() != 5)
            throw new ArgumentException($"ST-GCN input must be (N, C, T, V, M), got shape [{string.Join(", ", x.shape)}]");
        long n = x.shape[0], c = x.shape[1], t = x.shape[2], v = x.shape[3], m = x.shape[4];
        if (c != Config.InChannels || v != NtuLayout.Joints)
            throw new ArgumentException($"ST-GCN input must have C = {Config.InChannels} and V = {NtuLayout.Joints}, got shape [{string.Join(", ", x.shape)}]");
        using var scope = NewDisposeScope();
        // §3.3 step 1: (N, C, T, V, M) → (N·M, V·C, T); BatchNorm1d over 75 channels (index v·3 + c).
        var h = x.permute(0, 4, 3, 1, 2).reshape(n * m, v * c, t);
        h = data_bn.forward(h);
        // Back to (N·M, C, T, V).
        h = h.view(n, m, v, c, t).permute(0, 1, 3, 4, 2).reshape(n * m, c, t, v);
        for (int i = 0; i < st_gcn_networks.Count; i++)
        {
            // Ã = A ⊙ E_i (§3.2).
            var a = edge_importance is null ? A : A * edge_importance[i];
            h = st_gcn_networks[i].forward(h, a);
        }
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Global average over (T', V), then the mean over the M bodies, zero-padded bodies included
    /// (§3.3 step 3). map: (N·M, C, T', V) → (N, C).
    /// </summary>
    public static Tensor Pool(Tensor map, long bodies)
    {
        long nm = map.shape[0], c = map.shape[1];
        using var pooled = map.mean([2, 3]);
        return pooled.view(nm / bodies, bodies, c).mean([1]);
    }

    /// <inheritdoc />
    /// <remarks>x: (N, C, T, V, M) → (N, FeatureDim).</remarks>
    public override Tensor Features(Tensor x)
    {
        using var map = FeatureMap(x);
        return Pool(map, x.shape[4]);
    }

    /// <inheritdoc />
    public override Tensor Head(Tensor features) => fc.forward(features);

    /// <inheritdoc />
    public override void SetHead(nn.Module<Tensor, Tensor> head)
    {
        ArgumentNullException.ThrowIfNull(head);
        register_module("fc", null!); // removes the old head
        fc = head;
        register_module("fc", head);
    }

    /// <summary>
    /// AimCLR's extreme query with the drop branch (§3.3 step 5): F = FeatureMap(x) once, then
    /// z = fc(pool(F)) and zDrop = fc(pool(drop(F))) through the same head. drop is EADM (§5), a
    /// parameter-free map (N·M, C, T', V) → same shape.
    /// x: (N, C, T, V, M) → z, zDrop: (N, D).
    /// </summary>
    public (Tensor Z, Tensor ZDrop) ForwardWithDrop(Tensor x, Func<Tensor, Tensor> drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        long m = x.shape[4];
        using var map = FeatureMap(x);
        using var pooled = Pool(map, m);
        using var dropped = drop(map);
        using var pooledDrop = Pool(dropped, m);
        return (fc.forward(pooled), fc.forward(pooledDrop));
    }
}
