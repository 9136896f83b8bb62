using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>Writes a <see cref="TableDefinition"/> the way the paper lays the table out: columns first,
/// then rows of paper numbers, each with a function from column to the experiment that regenerates it;
/// then the cells derived from others, the text cells and the paper's claims, each by its own call.</summary>
internal sealed class TableBuilder(string id, string title, string paper, string description, string notebook,
                                   TableKind kind = TableKind.Table)
{
    private readonly List<TableColumn> _columns = [];
    private readonly List<TableRow> _rows = [];
    private readonly List<TableClaim> _claims = [];
    private string? _group;
    private string? _paperMethod;

    /// <summary>A measured column (percent unless <paramref name="unit"/> says otherwise); <paramref name="metric"/>
    /// names the metric its cells read, overriding the row's (e.g. "mpjpe-80ms" next to "top1" columns).</summary>
    public TableBuilder Column(string id, string header, string? dataset, string? split, MetricUnit? unit = null, string? metric = null)
    {
        _columns.Add(new TableColumn(id, header, dataset, split, unit ?? MetricUnit.Percent) { Metric = metric });
        return this;
    }

    /// <summary>A column of cells computed from others (<see cref="Derive"/>); blank where no formula is given.</summary>
    public TableBuilder DerivedColumn(string id, string header, MetricUnit unit)
    {
        _columns.Add(new TableColumn(id, header, null, null, unit) { Kind = ColumnKind.Derived });
        return this;
    }

    /// <summary>A column of text per row (<see cref="Text"/>): an encoder, FLOPs "4.2G", parameters "45.0M".</summary>
    public TableBuilder TextColumn(string id, string header)
    {
        _columns.Add(new TableColumn(id, header, null, null, MetricUnit.Count) { Kind = ColumnKind.Text });
        return this;
    }

    /// <summary>The method the paper proposes: its "(ours)" rows are reported as "(METHOD paper)".</summary>
    public TableBuilder PaperMethod(string method)
    {
        _paperMethod = method;
        return this;
    }

    /// <summary>Starts a row group as the paper prints it ("Single-stream:").</summary>
    public TableBuilder Group(string? group)
    {
        _group = group;
        return this;
    }

    /// <summary>A row the kit reruns; <paramref name="paper"/> has one entry per measured column (null = "-"); <paramref name="spec"/>
    /// may give null for a column the kit does not regenerate yet (a protocol of another issue: the paper's number only).</summary>
    public TableBuilder Row(string id, string label, double?[] paper, Func<TableColumn, ExperimentSpec?> spec,
                            string? note = null, string metric = "top1") =>
        Add(id, label, paper, spec, note, metric);

    /// <summary>A row only the paper has: another group's method or a variant the kit does not implement.</summary>
    public TableBuilder PaperOnly(string id, string label, double?[] paper, string note = "another method; not rerun") =>
        Add(id, label, paper, _ => null, note, "top1");

    /// <summary>
    /// Makes a derived column's cell computed by <paramref name="formula"/>, for the paper's numbers and for ours;
    /// <paramref name="printed"/> is the value the paper prints there (checked against the formula), or null when it prints none.
    /// </summary>
    public TableBuilder Derive(string rowId, string columnId, CellFormula formula, double? printed = null) =>
        Set(rowId, columnId, ColumnKind.Derived, c => c with { Formula = formula, Paper = printed });

    /// <summary>A number the paper prints in a derived column whose inputs the table lacks: shown, never recomputed.</summary>
    public TableBuilder Printed(string rowId, string columnId, double value) =>
        Set(rowId, columnId, ColumnKind.Derived, c => c with { Paper = value });

    /// <summary>The text of a text column's cell.</summary>
    public TableBuilder Text(string rowId, string columnId, string text) =>
        Set(rowId, columnId, ColumnKind.Text, c => c with { Text = text });

    /// <summary>A claim made of explicit comparisons.</summary>
    public TableBuilder Claim(string id, string statement, string source, IEnumerable<ClaimComparison> comparisons,
                              ClaimEvidence evidence = ClaimEvidence.Numbers)
    {
        _claims.Add(new TableClaim(id, statement, source, [.. comparisons], evidence));
        return this;
    }

    /// <summary>Rows in increasing order of quality: each better than the one before, in each of <paramref name="columns"/>
    /// (default: every measured column).</summary>
    public TableBuilder ClaimOrder(string id, string statement, string source, string[] worstToBest, string[]? columns = null,
                                   ClaimEvidence evidence = ClaimEvidence.Numbers) =>
        Claim(id, statement, source,
              from c in columns ?? MeasuredColumns()
              from i in Enumerable.Range(1, worstToBest.Length - 1)
              select ClaimComparison.Of(worstToBest[i], worstToBest[i - 1], c), evidence);

    /// <summary>Row <paramref name="row"/> better than each row of <paramref name="than"/> in each of <paramref name="columns"/>
    /// (default: every measured column); <paramref name="allowTies"/> for "at least as good".</summary>
    public TableBuilder ClaimBetter(string id, string statement, string source, string row, string[] than, string[]? columns = null,
                                    bool allowTies = false, ClaimEvidence evidence = ClaimEvidence.Numbers) =>
        Claim(id, statement, source,
              from c in columns ?? MeasuredColumns()
              from other in than
              select ClaimComparison.Of(row, other, c, allowTies), evidence);

    private string[] MeasuredColumns() => [.. _columns.Where(c => c.Kind == ColumnKind.Measured).Select(c => c.Id)];

    private TableBuilder Add(string rowId, string label, double?[] paper, Func<TableColumn, ExperimentSpec?> spec, string? note, string metric)
    {
        var measured = _columns.Where(c => c.Kind == ColumnKind.Measured).ToList();
        if (paper.Length != measured.Count)
            throw new ArgumentException($"table {id}: row '{rowId}' has {paper.Length} paper values for {measured.Count} measured columns");
        var cells = _columns.Select(c => c.Kind == ColumnKind.Measured
            ? new TableCell(c.Id, paper[measured.IndexOf(c)], spec(c), c.Metric ?? metric)
            : new TableCell(c.Id, null, null, metric)).ToArray();
        _rows.Add(new TableRow(rowId, label, _group, cells, note));
        return this;
    }

    private TableBuilder Set(string rowId, string columnId, ColumnKind expected, Func<TableCell, TableCell> change)
    {
        int r = _rows.FindIndex(x => x.Id == rowId);
        if (r < 0) throw new ArgumentException($"table {id}: no row '{rowId}' (write the row first)");
        var column = _columns.FirstOrDefault(c => c.Id == columnId) ?? throw new ArgumentException($"table {id}: no column '{columnId}'");
        if (column.Kind != expected)
            throw new ArgumentException($"table {id}: column '{columnId}' is {column.Kind.ToString().ToLowerInvariant()}, expected a {expected.ToString().ToLowerInvariant()} column");
        var row = _rows[r];
        _rows[r] = row with { Cells = [.. row.Cells.Select(c => c.ColumnId == columnId ? change(c) : c)] };
        return this;
    }

    public TableDefinition Build() =>
        new(id, title, paper, description, notebook, kind, [.. _columns], [.. _rows]) { PaperMethod = _paperMethod, Claims = [.. _claims] };
}
