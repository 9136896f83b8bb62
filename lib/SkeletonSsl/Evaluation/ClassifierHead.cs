using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>The new Linear(FeatureDim, classes) classifier, initialised from a passed-in generator.</summary>
internal static class ClassifierHead
{
    public static nn.Module<Tensor, Tensor> Create(int featureDim, int numClasses, HeadInit init, Generator generator, Device device)
    {
        var head = nn.Linear(featureDim, numClasses);
        using (no_grad())
        {
            switch (init)
            {
                case HeadInit.Normal001:
                    head.weight!.copy_(normal(0, 0.01, [numClasses, featureDim], generator: generator));  // CMD: N(0, 0.01²), bias 0
                    head.bias!.zero_();
                    break;
                case HeadInit.Normal002:
                    head.weight!.copy_(normal(0, 0.02, [numClasses, featureDim], generator: generator));  // AimCLR weights_init: N(0, 0.02²), bias 0 (spec/aimclr.md §3.4)
                    head.bias!.zero_();
                    break;
                case HeadInit.PyTorchDefault:
                    double bound = 1 / Math.Sqrt(featureDim);                                              // PyTorch Linear default
                    head.weight!.copy_(rand([numClasses, featureDim], generator: generator) * (2 * bound) - bound);
                    head.bias!.copy_(rand([numClasses], generator: generator) * (2 * bound) - bound);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(init), init, "expected PyTorchDefault, Normal001 or Normal002");
            }
        }
        return head.to(device);
    }
}
