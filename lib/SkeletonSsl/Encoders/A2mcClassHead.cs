using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders;

/// <summary>
/// A2MC's attack class head FC_att (spec/a2mc.md §1.4): a Linear on the backbone feature
/// (2048 → 128 in the released code), Xavier-uniform weight, PyTorch-default bias, and never
/// trained: its parameters do not require gradients, so it is a fixed random projection through
/// which the attack's gradient reaches only the input.
/// </summary>
public static class A2mcClassHead
{
    /// <summary>The fixed Linear(featureDim, classes); weights drawn from <paramref name="generator"/>.</summary>
    public static Linear Create(int featureDim = 2048, int classes = 128, Generator? generator = null)
    {
        var head = nn.Linear(featureDim, classes);
        using (no_grad())
        {
            double bound = Math.Sqrt(6.0 / (featureDim + classes));
            head.weight!.uniform_(-bound, bound, generator);
            double biasBound = 1.0 / Math.Sqrt(featureDim);
            head.bias!.uniform_(-biasBound, biasBound, generator);
        }
        foreach (var p in head.parameters()) p.requires_grad = false;
        return head;
    }
}
