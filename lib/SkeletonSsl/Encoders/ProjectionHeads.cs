using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders;

/// <summary>
/// The heads registered as <c>fc</c>: the MoCo v2 "mlp" projection head Linear(d, d), ReLU,
/// Linear(d, out) (keys fc.0, fc.2) and the single evaluation Linear(d, classes) (key fc).
/// Initial weights are PyTorch's defaults until an encoder re-initialises them.
/// </summary>
public static class ProjectionHeads
{
    /// <summary>mlp: Linear(d, d), ReLU, Linear(d, output); otherwise Linear(d, output).</summary>
    public static nn.Module<Tensor, Tensor> Create(int featureDim, bool mlp, int output) => mlp
        ? nn.Sequential(nn.Linear(featureDim, featureDim), nn.ReLU(), nn.Linear(featureDim, output))
        : nn.Linear(featureDim, output);

    /// <summary>
    /// PyTorch's default Linear initialisation drawn from <paramref name="generator"/>:
    /// weight and bias ~ U(−1/√fan_in, 1/√fan_in) (kaiming_uniform with a = √5).
    /// </summary>
    public static void ResetLinearDefault(Linear linear, Generator? generator)
    {
        using var _ = no_grad();
        double bound = 1.0 / Math.Sqrt(linear.weight!.shape[1]);
        linear.weight.uniform_(-bound, bound, generator);
        linear.bias?.uniform_(-bound, bound, generator);
    }

    /// <summary>A Linear(d, classes) with weight ~ N(0, std) and bias 0, from <paramref name="generator"/>.</summary>
    public static Linear Classifier(int featureDim, int classes, double std, Generator? generator)
    {
        var linear = nn.Linear(featureDim, classes);
        using var _ = no_grad();
        linear.weight!.normal_(0, std, generator);
        linear.bias!.zero_();
        return linear;
    }
}
