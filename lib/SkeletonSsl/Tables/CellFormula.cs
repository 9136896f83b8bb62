namespace SkeletonSsl.Tables;

/// <summary>
/// How a derived cell is computed from other cells of its table: a reference to a cell (of the same
/// row by default), differences, sums and means of them. The same formula computes the paper's value
/// (from the paper's numbers, to fill or check what it prints) and ours (from our results).
/// Write them with <see cref="Cell(string)"/>, <see cref="Cell(string, string)"/>, <c>-</c>, <c>+</c> and <see cref="Mean"/>:
/// <c>Cell("aimclr-joint", "ntu60-xsub") - Cell("skeletonclr-joint", "ntu60-xsub")</c>.
/// </summary>
public abstract record CellFormula
{
    private protected CellFormula() { }

    /// <summary>The cell of <paramref name="columnId"/> in the derived cell's own row.</summary>
    public static CellFormula Cell(string columnId) => new Reference(null, columnId);

    /// <summary>The cell of another row.</summary>
    public static CellFormula Cell(string rowId, string columnId) => new Reference(rowId, columnId);

    public static CellFormula operator -(CellFormula left, CellFormula right) => new Difference(left, right);

    public static CellFormula operator +(CellFormula left, CellFormula right) => new Sum(left, right);

    /// <summary>The mean of the terms (PCM3 Table 4's Δ↓ averages the reduction over two splits).</summary>
    public static CellFormula Mean(params CellFormula[] terms)
    {
        if (terms.Length == 0) throw new ArgumentException("a mean needs at least one term", nameof(terms));
        return new Average([.. terms]);
    }

    /// <summary>The cells the formula reads, for a derived cell in row <paramref name="rowId"/>.</summary>
    public abstract IEnumerable<CellAddress> Inputs(string rowId);

    /// <summary>The value, or null when any input has none.</summary>
    public abstract double? Evaluate(string rowId, Func<CellAddress, double?> value);

    /// <summary>
    /// How far the result can be from the exact one when every input is rounded as printed
    /// (<paramref name="error"/> gives each input's rounding error): what a printed derived value may differ by.
    /// </summary>
    public abstract double RoundingError(string rowId, Func<CellAddress, double> error);

    /// <summary>The formula in words, each input named by <paramref name="name"/> ("AimCLR (joint) NTU-60 xsub − SkeletonCLR (joint) NTU-60 xsub").</summary>
    public abstract string Describe(string rowId, Func<CellAddress, string> name);

    private sealed record Reference(string? RowId, string ColumnId) : CellFormula
    {
        private CellAddress At(string rowId) => new(RowId ?? rowId, ColumnId);
        public override IEnumerable<CellAddress> Inputs(string rowId) => [At(rowId)];
        public override double? Evaluate(string rowId, Func<CellAddress, double?> value) => value(At(rowId));
        public override double RoundingError(string rowId, Func<CellAddress, double> error) => error(At(rowId));
        public override string Describe(string rowId, Func<CellAddress, string> name) => name(At(rowId));
    }

    private sealed record Difference(CellFormula Left, CellFormula Right) : CellFormula
    {
        public override IEnumerable<CellAddress> Inputs(string rowId) => Left.Inputs(rowId).Concat(Right.Inputs(rowId));
        public override double? Evaluate(string rowId, Func<CellAddress, double?> value) =>
            Left.Evaluate(rowId, value) is { } l && Right.Evaluate(rowId, value) is { } r ? l - r : null;
        public override double RoundingError(string rowId, Func<CellAddress, double> error) =>
            Left.RoundingError(rowId, error) + Right.RoundingError(rowId, error);
        public override string Describe(string rowId, Func<CellAddress, string> name) =>
            $"{Left.Describe(rowId, name)} − {Bracketed(Right, rowId, name)}";
    }

    private sealed record Sum(CellFormula Left, CellFormula Right) : CellFormula
    {
        public override IEnumerable<CellAddress> Inputs(string rowId) => Left.Inputs(rowId).Concat(Right.Inputs(rowId));
        public override double? Evaluate(string rowId, Func<CellAddress, double?> value) =>
            Left.Evaluate(rowId, value) is { } l && Right.Evaluate(rowId, value) is { } r ? l + r : null;
        public override double RoundingError(string rowId, Func<CellAddress, double> error) =>
            Left.RoundingError(rowId, error) + Right.RoundingError(rowId, error);
        public override string Describe(string rowId, Func<CellAddress, string> name) =>
            $"{Left.Describe(rowId, name)} + {Right.Describe(rowId, name)}";
    }

    private sealed record Average(IReadOnlyList<CellFormula> Terms) : CellFormula
    {
        public override IEnumerable<CellAddress> Inputs(string rowId) => Terms.SelectMany(t => t.Inputs(rowId));
        public override double? Evaluate(string rowId, Func<CellAddress, double?> value)
        {
            var values = Terms.Select(t => t.Evaluate(rowId, value)).ToList();
            return values.All(v => v.HasValue) ? values.Average(v => v!.Value) : null;
        }
        public override double RoundingError(string rowId, Func<CellAddress, double> error) =>
            Terms.Average(t => t.RoundingError(rowId, error));
        public override string Describe(string rowId, Func<CellAddress, string> name) =>
            $"mean({string.Join(", ", Terms.Select(t => t.Describe(rowId, name)))})";
    }

    private static string Bracketed(CellFormula formula, string rowId, Func<CellAddress, string> name) =>
        formula is Reference or Average ? formula.Describe(rowId, name) : $"({formula.Describe(rowId, name)})";
}
