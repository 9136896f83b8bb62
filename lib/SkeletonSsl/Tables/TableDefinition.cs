using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>
/// A paper table (or figure) as data: its columns, its rows with the experiments that regenerate
/// them, and the paper's reported numbers. The notebook of the same name and <c>table run ID</c>
/// both render it.
/// </summary>
/// <param name="Id">"aimclr-table1", "aimclr-fig2", ...</param>
/// <param name="Title">The paper's caption.</param>
/// <param name="Paper">The paper it comes from.</param>
/// <param name="Description">What it measures and how the kit regenerates it.</param>
/// <param name="Notebook">The notebook that renders it, relative to the repository root.</param>
/// <param name="Kind">Table or figure.</param>
/// <param name="Columns">The columns, in the paper's order.</param>
/// <param name="Rows">The rows, in the paper's order.</param>
public sealed record TableDefinition(string Id, string Title, string Paper, string Description, string Notebook,
                                     TableKind Kind, IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows)
{
    /// <summary>The CLI command that regenerates it.</summary>
    public string Command => $"table run {Id}";

    /// <summary>Every distinct experiment the table needs.</summary>
    public IEnumerable<ExperimentSpec> Experiments =>
        Rows.SelectMany(r => r.Cells).Select(c => c.Spec).OfType<ExperimentSpec>().Distinct();

    public TableColumn Column(string id) =>
        Columns.FirstOrDefault(c => c.Id == id) ?? throw new ArgumentException($"table {Id} has no column '{id}'");

    public TableRow Row(string id) =>
        Rows.FirstOrDefault(r => r.Id == id) ?? throw new ArgumentException($"table {Id} has no row '{id}'");

    /// <summary>
    /// Checks the definition: unique column and row ids, one cell per column in order, paper values in
    /// the column's range, every spec well-formed and known to <paramref name="catalog"/>.
    /// Throws <see cref="ArgumentException"/> naming the table, row and column at fault.
    /// </summary>
    public void Validate(Catalog catalog)
    {
        if (string.IsNullOrWhiteSpace(Id) || string.IsNullOrWhiteSpace(Title)) throw new ArgumentException("a table needs an id and a title");
        if (Columns.Count == 0 || Rows.Count == 0) throw new ArgumentException($"table {Id} needs columns and rows");
        Unique(Columns.Select(c => c.Id), "column");
        Unique(Rows.Select(r => r.Id), "row");
        foreach (var row in Rows)
        {
            if (!row.Cells.Select(c => c.ColumnId).SequenceEqual(Columns.Select(c => c.Id)))
                throw new ArgumentException($"table {Id} row {row.Id}: cells must follow the columns [{string.Join(", ", Columns.Select(c => c.Id))}]");
            foreach (var cell in row.Cells)
            {
                var column = Column(cell.ColumnId);
                if (cell.Paper is { } v && (double.IsNaN(v) || v < 0 || v > column.Maximum))
                    throw new ArgumentException($"table {Id} row {row.Id} column {column.Id}: paper value {v} outside [0, {column.Maximum}]");
                if (cell.Spec is null) continue;
                cell.Spec.Validate();
                catalog.Check(cell.Spec, cell.Metric);
                if (column.Dataset is { } d && (cell.Spec.Dataset != d || cell.Spec.Split != column.Split))
                    throw new ArgumentException($"table {Id} row {row.Id} column {column.Id}: spec evaluates on {cell.Spec.Dataset} {cell.Spec.Split}, column is {d} {column.Split}");
            }
        }

        void Unique(IEnumerable<string> ids, string what)
        {
            var dup = ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) throw new ArgumentException($"table {Id}: {what} id '{dup.Key}' is used twice");
        }
    }
}
