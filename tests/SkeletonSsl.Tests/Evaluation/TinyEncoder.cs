using SkeletonSsl.Encoders;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

/// <summary>
/// A small backbone for protocol tests: flatten → Linear → BatchNorm1d → ReLU → Dropout, with a
/// replaceable head. BN and dropout make train/eval mode observable.
/// </summary>
internal sealed class TinyEncoder : SkeletonEncoder
{
    private readonly Linear proj;
    private readonly BatchNorm1d bn;
    private readonly Dropout drop;
    private nn.Module<Tensor, Tensor> fc;
    private readonly int featureDim;

    public TinyEncoder(long inputSize, int featureDim, long seed) : base(nameof(TinyEncoder))
    {
        this.featureDim = featureDim;
        proj = nn.Linear(inputSize, featureDim);
        bn = nn.BatchNorm1d(featureDim);
        drop = nn.Dropout(0.5);
        fc = nn.Identity();
        using (no_grad())
        {
            var g = new Generator((ulong)seed);
            proj.weight!.copy_(randn([featureDim, inputSize], generator: g) / Math.Sqrt(inputSize));
            proj.bias!.zero_();
        }
        RegisterComponents();
    }

    public override int FeatureDim => featureDim;

    public override Tensor Features(Tensor x) => drop.call(nn.functional.relu(bn.call(proj.call(x.flatten(1)))));

    public override Tensor Head(Tensor features) => fc.call(features);

    public override void SetHead(nn.Module<Tensor, Tensor> head)
    {
        _internal_submodules.Remove("fc");
        fc = head;
        register_module("fc", head);
    }
}
