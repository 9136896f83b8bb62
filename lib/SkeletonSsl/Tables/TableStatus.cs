using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>How far the kit gets with a paper table.</summary>
public enum TableStatus
{
    /// <summary>Some method or protocol a row needs is not part of the kit yet.</summary>
    NotYet,

    /// <summary>Every runnable row can run; no complete synthetic result is stored yet.</summary>
    ReadyForRealData,

    /// <summary>Every runnable cell has a stored result on the synthetic set; ready for real data too.</summary>
    ReproducedOnSynthetic,
}
