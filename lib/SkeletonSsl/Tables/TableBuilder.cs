using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>Writes a <see cref="TableDefinition"/> the way the paper lays the table out: columns first,
/// then rows of paper numbers, each with a function from column to the experiment that regenerates it.</summary>
internal sealed class TableBuilder(string id, string title, string paper, string description, string notebook,
                                   TableKind kind = TableKind.Table)
{
    private readonly List<TableColumn> _columns = [];
    private readonly List<TableRow> _rows = [];
    private string? _group;

    public TableBuilder Column(string id, string header, string? dataset, string? split, MetricUnit unit = MetricUnit.Percent)
    {
        _columns.Add(new TableColumn(id, header, dataset, split, unit));
        return this;
    }

    /// <summary>Starts a row group as the paper prints it ("Single-stream:").</summary>
    public TableBuilder Group(string? group)
    {
        _group = group;
        return this;
    }

    /// <summary>A row the kit reruns; <paramref name="paper"/> has one entry per column (null = "-").</summary>
    public TableBuilder Row(string id, string label, double?[] paper, Func<TableColumn, ExperimentSpec> spec,
                            string? note = null, string metric = "top1") =>
        Add(id, label, paper, c => spec(c), note, metric);

    /// <summary>A row only the paper has: another group's method or a variant the kit does not implement.</summary>
    public TableBuilder PaperOnly(string id, string label, double?[] paper, string note = "another method; not rerun") =>
        Add(id, label, paper, _ => null, note, "top1");

    private TableBuilder Add(string id, string label, double?[] paper, Func<TableColumn, ExperimentSpec?> spec, string? note, string metric)
    {
        if (paper.Length != _columns.Count)
            throw new ArgumentException($"table {id}: row '{id}' has {paper.Length} paper values for {_columns.Count} columns");
        var cells = _columns.Select((c, i) => new TableCell(c.Id, paper[i], spec(c), metric)).ToArray();
        _rows.Add(new TableRow(id, label, _group, cells, note));
        return this;
    }

    public TableDefinition Build() => new(id, title, paper, description, notebook, kind, [.. _columns], [.. _rows]);
}
