using SkeletonSsl.Encoders;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Methods;

/// <summary>
/// A seconds-fast encoder for engine tests: a 1×1 convolution over (T, V) with dropout, mean
/// pooling over time, a linear map over joints with BatchNorm, a mean over bodies, and an MLP head like ST-GCN's, plus the drop branch.
/// </summary>
internal sealed class TinyEncoder : SkeletonEncoder, IDropBranchEncoder
{
    private readonly Conv2d conv;
    private readonly Dropout dropout;
    private readonly Linear joints;
    private readonly BatchNorm1d bn;
    private nn.Module<Tensor, Tensor> fc;

    public TinyEncoder(int hidden = 16, int outDim = 8, double dropoutRate = 0.1) : base("TinyEncoder")
    {
        conv = nn.Conv2d(3, hidden, 1);
        dropout = nn.Dropout(dropoutRate);
        joints = nn.Linear(hidden * 25, hidden);
        bn = nn.BatchNorm1d(hidden);
        fc = nn.Sequential(("0", nn.Linear(hidden, hidden)), ("1", nn.ReLU()), ("2", nn.Linear(hidden, outDim)));
        FeatureDim = hidden;
        RegisterComponents();
    }

    public override int FeatureDim { get; }

    /// <summary>x: (N, C, T, V, M) → (N·M, hidden, T, V).</summary>
    public Tensor FeatureMap(Tensor x)
    {
        long n = x.shape[0], c = x.shape[1], t = x.shape[2], v = x.shape[3], m = x.shape[4];
        var folded = x.permute(0, 4, 1, 2, 3).reshape(n * m, c, t, v);
        return dropout.forward(nn.functional.relu(conv.forward(folded)));
    }

    /// <summary>(N·M, hidden, T, V) → (N, hidden): mean over time, a linear map over the joints, mean over bodies.</summary>
    public Tensor Pool(Tensor map, long n) => bn.forward(joints.forward(map.mean([2]).flatten(1))).view(n, -1, map.shape[1]).mean([1]);

    public override Tensor Features(Tensor x) => Pool(FeatureMap(x), x.shape[0]);

    public override Tensor Head(Tensor features) => fc.forward(features);

    public override void SetHead(nn.Module<Tensor, Tensor> head)
    {
        fc = head;
        register_module("fc", head);
    }

    public (Tensor Z, Tensor ZDrop) ForwardWithDrop(Tensor x, Func<Tensor, Tensor> drop)
    {
        var map = FeatureMap(x);
        return (Head(Pool(map, x.shape[0])), Head(Pool(drop(map), x.shape[0])));
    }
}
