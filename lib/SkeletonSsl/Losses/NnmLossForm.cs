namespace SkeletonSsl.Losses;

/// <summary>How the nearest-neighbour positives enter the loss (spec/aimclr.md §6, §11.5).</summary>
public enum NnmLossForm
{
    /// <summary>AimCLR Eq. 9 as printed: −log Σ_{j∈P} softmax(z)_j, one log of the summed positive probability.</summary>
    LogOfSummedProbability,

    /// <summary>The released code: −(1/|P|) Σ_{j∈P} log softmax(z)_j, the mean of per-positive log-probabilities.</summary>
    MeanOfLogProbabilities,
}
