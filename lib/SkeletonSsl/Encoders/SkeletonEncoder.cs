using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders;

/// <summary>
/// Base of every backbone (ST-GCN, the CMD GRU encoder, later transformers). A backbone maps a
/// batch of skeleton clips to one feature vector per clip; a replaceable head named <c>fc</c> (the
/// reference state-dict name) maps features to a projection (pre-training) or to class logits
/// (evaluation). Evaluation protocols and methods only use this surface.
/// </summary>
public abstract class SkeletonEncoder : nn.Module<Tensor, Tensor>
{
    protected SkeletonEncoder(string name) : base(name) { }

    /// <summary>Width of <see cref="Features"/> (256 for AimCLR's ST-GCN, 2048 for the CMD GRU).</summary>
    public abstract int FeatureDim { get; }

    /// <summary>Backbone features. x: (N, C, T, V, M) → (N, FeatureDim).</summary>
    public abstract Tensor Features(Tensor x);

    /// <summary>The current head applied to features: (N, FeatureDim) → (N, D).</summary>
    public abstract Tensor Head(Tensor features);

    /// <summary>Replaces the head (registered as <c>fc</c>) — e.g. a Linear(FeatureDim, classes) for evaluation.</summary>
    public abstract void SetHead(nn.Module<Tensor, Tensor> head);

    /// <summary>Head(Features(x)). x: (N, C, T, V, M) → (N, D).</summary>
    public override Tensor forward(Tensor x) => Head(Features(x));
}
