namespace SkeletonSsl.Evaluation;

/// <summary>How the new Linear(FeatureDim, classes) classifier starts.</summary>
public enum HeadInit
{
    /// <summary>PyTorch's nn.Linear default: weight and bias ~ U(−1/√fan_in, 1/√fan_in) (AimCLR).</summary>
    PyTorchDefault,

    /// <summary>Weight ~ N(0, 0.01²), bias 0 (CMD, spec/pcm3.md §8.1).</summary>
    Normal001,
}
