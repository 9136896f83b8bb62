namespace SkeletonSsl.Tables;

/// <summary>A cell of a table: its row and column ids.</summary>
public sealed record CellAddress(string RowId, string ColumnId)
{
    public override string ToString() => $"{RowId}/{ColumnId}";
}
