using System.Text.RegularExpressions;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>
/// A paper table (or figure) as data: its columns, its rows with the experiments that regenerate
/// them, the paper's reported numbers, the cells derived from others and the paper's claims about it.
/// The notebook of the same name and <c>table run ID</c> both render it.
/// </summary>
/// <param name="Id">"aimclr-table1", "aimclr-fig2", ...</param>
/// <param name="Title">The paper's caption.</param>
/// <param name="Paper">The paper it comes from.</param>
/// <param name="Description">What it measures and how the kit regenerates it.</param>
/// <param name="Notebook">The notebook that renders it, relative to the repository root.</param>
/// <param name="Kind">Table or figure.</param>
/// <param name="Columns">The columns, in the paper's order.</param>
/// <param name="Rows">The rows, in the paper's order.</param>
public sealed partial record TableDefinition(string Id, string Title, string Paper, string Description, string Notebook,
                                             TableKind Kind, IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows)
{
    /// <summary>The method the paper proposes ("AimCLR"): its rows labelled "(ours)" are shown as "(AimCLR paper)", since in
    /// the kit's reports "ours" is the kit's run. Null: such rows are shown as "(the paper's method)".</summary>
    public string? PaperMethod { get; init; }

    /// <summary>The paper's claims about the table, as orderings of its cells.</summary>
    public IReadOnlyList<TableClaim> Claims { get; init; } = [];

    /// <summary>The CLI command that regenerates it.</summary>
    public string Command => $"table run {Id}";

    /// <summary>Every distinct experiment the table needs.</summary>
    public IEnumerable<ExperimentSpec> Experiments =>
        Rows.SelectMany(r => r.Cells).Select(c => c.Spec).OfType<ExperimentSpec>().Distinct();

    public TableColumn Column(string id) =>
        Columns.FirstOrDefault(c => c.Id == id) ?? throw new ArgumentException($"table {Id} has no column '{id}'");

    public TableRow Row(string id) =>
        Rows.FirstOrDefault(r => r.Id == id) ?? throw new ArgumentException($"table {Id} has no row '{id}'");

    /// <summary>The cell at <paramref name="at"/>.</summary>
    public TableCell Cell(CellAddress at) =>
        Row(at.RowId).Cell(at.ColumnId) ?? throw new ArgumentException($"table {Id} has no cell {at}");

    public TableClaim Claim(string id) =>
        Claims.FirstOrDefault(c => c.Id == id) ?? throw new ArgumentException($"table {Id} has no claim '{id}'");

    /// <summary>The row's label for the kit's reports: the paper's label with "(ours)" naming the paper's method instead.</summary>
    public string ReportLabel(TableRow row) =>
        OursMarker().Replace(row.Label, PaperMethod is { } m ? $"({m} paper)" : "(the paper's method)");

    [GeneratedRegex(@"\(\s*ours\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex OursMarker();

    /// <summary>A cell named for messages and formulas: "AimCLR (joint) NTU-60 xsub".</summary>
    public string Describe(CellAddress at) => $"{ReportLabel(Row(at.RowId))} {Column(at.ColumnId).Header}";

    /// <summary>
    /// Every numeric cell's value on one side: <paramref name="measured"/> gives the measured cells' values;
    /// derived cells are computed from their inputs by their formula (recursively). With
    /// <paramref name="preferPrinted"/> a derived cell the paper prints keeps its printed value (the paper's side).
    /// </summary>
    public Func<CellAddress, double?> Values(Func<CellAddress, double?> measured, bool preferPrinted = false)
    {
        var memo = new Dictionary<CellAddress, double?>();
        var visiting = new HashSet<CellAddress>();
        double? Value(CellAddress at)
        {
            if (memo.TryGetValue(at, out var known)) return known;
            var cell = Cell(at);
            double? result;
            if (cell.Formula is null) result = Column(at.ColumnId).Kind == ColumnKind.Measured ? measured(at) : preferPrinted ? cell.Paper : null;
            else if (preferPrinted && cell.Paper is { } printed) result = printed;
            else
            {
                if (!visiting.Add(at)) throw new ArgumentException($"table {Id}: derived cell {at} depends on itself");
                result = cell.Formula.Evaluate(at.RowId, Value);
                visiting.Remove(at);
            }
            return memo[at] = result;
        }
        return Value;
    }

    /// <summary>The paper's value of every numeric cell: printed, or computed from the paper's numbers for a derived cell it does not print.</summary>
    public Func<CellAddress, double?> PaperValues() => Values(at => Cell(at).Paper, preferPrinted: true);

    /// <summary>The unit of a cell's column.</summary>
    public MetricUnit UnitOf(CellAddress at) => Column(at.ColumnId).Unit;

    /// <summary>A claim checked on the paper's numbers (a figure's claim: not measured).</summary>
    public ClaimOutcome CheckOnPaper(TableClaim claim)
    {
        var paper = PaperValues();
        return claim.Evidence == ClaimEvidence.Figure
            ? new ClaimOutcome(ClaimVerdict.NotMeasured, 0, [], claim.Comparisons.Count)
            : ClaimOutcome.Of(claim.Checked(paper), paper, UnitOf);
    }

    /// <summary>A claim checked on <paramref name="values"/> (ours: see <see cref="Values"/>), over the comparisons the paper backs.</summary>
    public ClaimOutcome Check(TableClaim claim, Func<CellAddress, double?> values) =>
        ClaimOutcome.Of(claim.Checked(PaperValues()), values, UnitOf);

    /// <summary>
    /// Checks the definition: unique ids, one cell per column in order, paper values in the column's range,
    /// every spec well-formed and known to <paramref name="catalog"/>, derived cells whose inputs exist and whose
    /// printed value agrees with the one computed from the paper's numbers, text cells holding text only, and
    /// claims that name numeric cells of directed units and hold on the paper's numbers.
    /// Throws <see cref="ArgumentException"/> naming the table, row, column or claim at fault.
    /// </summary>
    public void Validate(Catalog catalog)
    {
        if (string.IsNullOrWhiteSpace(Id) || string.IsNullOrWhiteSpace(Title)) throw new ArgumentException("a table needs an id and a title");
        if (Columns.Count == 0 || Rows.Count == 0) throw new ArgumentException($"table {Id} needs columns and rows");
        Unique(Columns.Select(c => c.Id), "column");
        Unique(Rows.Select(r => r.Id), "row");
        Unique(Claims.Select(c => c.Id), "claim");
        foreach (var column in Columns.Where(c => c.Kind != ColumnKind.Measured && (c.Dataset is not null || c.Metric is not null)))
            throw new ArgumentException($"table {Id} column {column.Id}: a {column.Kind.ToString().ToLowerInvariant()} column evaluates nothing, so it names no dataset or metric");
        foreach (var row in Rows)
        {
            if (!row.Cells.Select(c => c.ColumnId).SequenceEqual(Columns.Select(c => c.Id)))
                throw new ArgumentException($"table {Id} row {row.Id}: cells must follow the columns [{string.Join(", ", Columns.Select(c => c.Id))}]");
            foreach (var cell in row.Cells) ValidateCell(catalog, row, cell, Column(cell.ColumnId));
        }
        var paper = PaperValues();
        foreach (var row in Rows)
        foreach (var cell in row.Cells.Where(c => c.Formula is not null))
            ValidateDerived(row, cell, Column(cell.ColumnId), paper);
        foreach (var claim in Claims) ValidateClaim(claim, paper);

        void Unique(IEnumerable<string> ids, string what)
        {
            var dup = ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) throw new ArgumentException($"table {Id}: {what} id '{dup.Key}' is used twice");
        }
    }

    private void ValidateCell(Catalog catalog, TableRow row, TableCell cell, TableColumn column)
    {
        var at = $"table {Id} row {row.Id} column {column.Id}";
        if (column.Kind == ColumnKind.Text)
        {
            if (cell.Paper is not null || cell.Spec is not null || cell.Formula is not null)
                throw new ArgumentException($"{at}: a text column holds text only, found a number, an experiment or a formula");
            return;
        }
        if (cell.Text is not null) throw new ArgumentException($"{at}: text '{cell.Text}' in a column of numbers");
        if (cell.Paper is { } v && !column.Unit.Contains(v))
            throw new ArgumentException($"{at}: paper value {v} outside {column.Unit.Range} ({column.Unit.Name})");
        if (column.Kind == ColumnKind.Derived)
        {
            if (cell.Spec is not null) throw new ArgumentException($"{at}: a derived cell is computed, not run: it has no experiment");
            return;
        }
        if (cell.Formula is not null) throw new ArgumentException($"{at}: a measured column's cell has no formula; put derived cells in a derived column");
        if (cell.Spec is null) return;
        cell.Spec.Validate();
        catalog.Check(cell.Spec, cell.Metric);
        if (column.Dataset is { } d && (cell.Spec.Dataset != d || cell.Spec.Split != column.Split))
            throw new ArgumentException($"{at}: spec evaluates on {cell.Spec.Dataset} {cell.Spec.Split}, column is {d} {column.Split}");
    }

    private void ValidateDerived(TableRow row, TableCell cell, TableColumn column, Func<CellAddress, double?> paper)
    {
        var at = $"table {Id} row {row.Id} column {column.Id}";
        foreach (var input in cell.Formula!.Inputs(row.Id))
        {
            if (Rows.All(r => r.Id != input.RowId) || Columns.All(c => c.Id != input.ColumnId))
                throw new ArgumentException($"{at}: the formula reads cell {input}, which the table does not have");
            if (!Column(input.ColumnId).IsNumeric) throw new ArgumentException($"{at}: the formula reads cell {input}, which holds text");
        }
        _ = Values(_ => 0)(new CellAddress(row.Id, column.Id)); // rejects a formula that depends on itself
        var computed = cell.Formula.Evaluate(row.Id, paper);
        if (computed is { } c && !column.Unit.Contains(c))
            throw new ArgumentException($"{at}: the value computed from the paper's numbers, {c}, is outside {column.Unit.Range}");
        if (cell.Paper is not { } printed || computed is null) return;
        // A printed derived value may differ from one computed from printed (rounded) inputs by their rounding plus its own.
        var tolerance = cell.Formula.RoundingError(row.Id, a => UnitOf(a).RoundingError) + column.Unit.RoundingError + 1e-9;
        if (Math.Abs(printed - computed.Value) > tolerance)
            throw new ArgumentException($"{at}: the paper prints {printed}, but {cell.Formula.Describe(row.Id, Describe)} " +
                                        $"is {column.Unit.Format(computed)} from the paper's numbers (tolerance {tolerance:0.###})");
    }

    private void ValidateClaim(TableClaim claim, Func<CellAddress, double?> paper)
    {
        var at = $"table {Id} claim {claim.Id}";
        if (string.IsNullOrWhiteSpace(claim.Statement)) throw new ArgumentException($"{at}: a claim needs a statement");
        if (claim.Comparisons.Count == 0) throw new ArgumentException($"{at}: a claim needs at least one comparison");
        foreach (var c in claim.Comparisons)
        {
            foreach (var cell in new[] { c.Better, c.Worse })
            {
                if (Rows.All(r => r.Id != cell.RowId) || Columns.All(col => col.Id != cell.ColumnId))
                    throw new ArgumentException($"{at}: compares cell {cell}, which the table does not have");
                if (!Column(cell.ColumnId).IsNumeric) throw new ArgumentException($"{at}: compares cell {cell}, which holds text");
            }
            if (c.Better == c.Worse) throw new ArgumentException($"{at}: compares cell {c.Better} with itself");
            MetricUnit a = UnitOf(c.Better), b = UnitOf(c.Worse);
            if (a != b) throw new ArgumentException($"{at}: compares {c.Better} ({a.Name}) with {c.Worse} ({b.Name}); an ordering needs one unit");
            if (a.Direction == MetricDirection.Neither) throw new ArgumentException($"{at}: unit {a.Name} of {c.Better} has no better or worse");
        }
        if (claim.Evidence == ClaimEvidence.Figure)
        {
            var printed = claim.Comparisons.SelectMany(c => new[] { c.Better, c.Worse }).FirstOrDefault(x => paper(x) is not null);
            if (printed is not null) throw new ArgumentException($"{at}: claimed from a figure, but the paper prints {printed}; make it a claim on the numbers");
            return;
        }
        var outcome = CheckOnPaper(claim);
        if (outcome.Verdict == ClaimVerdict.NotMeasured)
            throw new ArgumentException($"{at}: the paper prints none of the numbers it compares");
        if (outcome.Failures.FirstOrDefault() is { } f)
            throw new ArgumentException($"{at}: does not hold on the paper's numbers: {Describe(f.Better)} {paper(f.Better)} is not " +
                                        $"{(f.AllowTie ? "at least" : "better than")} {Describe(f.Worse)} {paper(f.Worse)}");
    }
}
