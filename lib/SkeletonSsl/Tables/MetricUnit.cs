namespace SkeletonSsl.Tables;

/// <summary>The unit a table column reports in, as the paper prints it.</summary>
public enum MetricUnit
{
    /// <summary>Accuracy in percent, [0, 100].</summary>
    Percent,

    /// <summary>A score in [0, 1] (e.g. NMI).</summary>
    Ratio,
}
