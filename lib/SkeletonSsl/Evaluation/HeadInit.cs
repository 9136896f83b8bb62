namespace SkeletonSsl.Evaluation;

/// <summary>How the new Linear(FeatureDim, classes) classifier starts.</summary>
public enum HeadInit
{
    /// <summary>
    /// PyTorch's nn.Linear default: weight and bias ~ U(−1/√fan_in, 1/√fan_in). Not what any reference
    /// does; kept as a named option (it was the kit's AimCLR default before <see cref="Normal002"/>).
    /// </summary>
    PyTorchDefault,

    /// <summary>Weight ~ N(0, 0.01²), bias 0 (CMD, spec/pcm3.md §8.1).</summary>
    Normal001,

    /// <summary>
    /// Weight ~ N(0, 0.02²), bias 0: AimCLR's <c>weights_init</c> applied to the whole evaluation
    /// model before the pre-trained encoder is loaded non-strictly, so the classifier keeps it
    /// (spec/aimclr.md §3.4–3.5). The default of AimCLR's evaluation recipes.
    /// </summary>
    Normal002,
}
