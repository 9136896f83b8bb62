namespace SkeletonSsl.Tables;

/// <summary>Whether a definition renders a numbered table or a figure of the paper.</summary>
public enum TableKind
{
    Table,
    Figure,
}
