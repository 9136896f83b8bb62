namespace SkeletonSsl.Data;

/// <summary>Which 0-based frames a PKU-MMD label line (1-based start and end) covers.</summary>
public enum PkuLabelSpan
{
    /// <summary>The label files' own meaning and the official evaluator's (spec/data.md §5.3, §5.6): frames start−1 … end−1.</summary>
    Inclusive,

    /// <summary>The released detection code's reading (spec/pcm3.md §8.7, "inside [start, end)" on 0-based rows): frames start … end−1, one later and one shorter.</summary>
    ReleasedHalfOpen,
}
