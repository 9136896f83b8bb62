namespace SkeletonSsl.Tables;

/// <summary>Which way a metric improves: what "better", a green difference and an ordering claim mean for it.</summary>
public enum MetricDirection
{
    /// <summary>Accuracy, NMI, mAP: a larger value is better.</summary>
    HigherIsBetter,

    /// <summary>MPJPE, error rates, a drop under occlusion: a smaller value is better.</summary>
    LowerIsBetter,

    /// <summary>Neither (a count of parameters): values are compared, never ranked.</summary>
    Neither,
}
