namespace SkeletonSsl.Tables;

/// <summary>What a column's cells hold.</summary>
public enum ColumnKind
{
    /// <summary>Numbers the kit measures by running an experiment (or the paper's numbers only, for rows it does not rerun).</summary>
    Measured,

    /// <summary>Numbers computed from other cells by a <see cref="CellFormula"/> (AimCLR Table 2's Δ), for the paper and for us.</summary>
    Derived,

    /// <summary>Text per row as the paper prints it (an encoder, "4.2G" FLOPs): shown as is, never compared.</summary>
    Text,
}
