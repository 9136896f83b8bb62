namespace SkeletonSsl.Experiments;

/// <summary>Which data a result was measured on.</summary>
public enum DataKind
{
    /// <summary>The kit's generated stand-in set (real file formats, procedural motions).</summary>
    Synthetic,

    /// <summary>A prepared copy of the real dataset.</summary>
    Real,
}
