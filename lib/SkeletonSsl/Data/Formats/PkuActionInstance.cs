namespace SkeletonSsl.Data.Formats;

/// <summary>
/// One line of a PKU-MMD label file (spec/data.md §5.3): class id (1-51), first and last frame
/// (1-based, inclusive, Start &lt;= End after reading), and the annotators' confidence (1 or 2; unused).
/// </summary>
public sealed record PkuActionInstance(int Class, int Start, int End, int Confidence)
{
    /// <summary>0-based label: class − 1.</summary>
    public int Label => Class - 1;

    /// <summary>Frames covered: End − Start + 1.</summary>
    public int Length => End - Start + 1;
}
