using System.Globalization;

namespace SkeletonSsl.Tables;

/// <summary>
/// The unit a table column reports in, as the paper prints it: the range a value may take (paper values
/// outside it are rejected as typos), which way is better (the comparison's colouring and the claims
/// follow it) and how it is printed. Variants come with <c>with</c>, <see cref="Change"/> and <see cref="Reversed"/>.
/// </summary>
/// <param name="Name">What the unit is called in messages ("percent").</param>
/// <param name="Minimum">The lowest value a cell may hold.</param>
/// <param name="Maximum">The highest value a cell may hold (may be +∞).</param>
/// <param name="Direction">Whether higher or lower is better.</param>
/// <param name="Decimals">Decimals printed, as the paper prints them.</param>
/// <param name="Suffix">What follows a value in a sentence ("%", " mm"); tables print bare numbers under the header.</param>
public sealed record MetricUnit(string Name, double Minimum, double Maximum, MetricDirection Direction, int Decimals, string Suffix = "")
{
    /// <summary>Accuracy (top-1, mAP) in percent: [0, 100], higher is better, one decimal.</summary>
    public static MetricUnit Percent { get; } = new("percent", 0, 100, MetricDirection.HigherIsBetter, 1, "%");

    /// <summary>A score in [0, 1] (NMI): higher is better, four decimals.</summary>
    public static MetricUnit Ratio { get; } = new("ratio", 0, 1, MetricDirection.HigherIsBetter, 4);

    /// <summary>A joint position error in millimetres (MPJPE, PCM3 Table 6): ≥ 0, lower is better, one decimal.</summary>
    public static MetricUnit Millimetres { get; } = new("millimetres", 0, double.PositiveInfinity, MetricDirection.LowerIsBetter, 1, " mm");

    /// <summary>A plain non-negative count: neither direction is better, no decimals.</summary>
    public static MetricUnit Count { get; } = new("count", 0, double.PositiveInfinity, MetricDirection.Neither, 0);

    /// <summary>A difference of two percentages (a gain such as AimCLR Table 2's Δ): [-100, 100], higher is better.</summary>
    public static MetricUnit PercentagePoints { get; } = Percent.Change with { Name = "percentage points", Suffix = " pp" };

    /// <summary>The unit of a difference of two values of this unit: the range of the difference, the same direction.</summary>
    public MetricUnit Change => this with
    {
        Name = $"{Name} difference",
        Minimum = Minimum - Maximum,
        Maximum = Maximum - Minimum,
    };

    /// <summary>The same unit with the other direction (a reduction where the unit's increase is good: PCM3 Table 4's Δ↓).</summary>
    public MetricUnit Reversed => this with
    {
        Direction = Direction switch
        {
            MetricDirection.HigherIsBetter => MetricDirection.LowerIsBetter,
            MetricDirection.LowerIsBetter => MetricDirection.HigherIsBetter,
            _ => MetricDirection.Neither,
        },
    };

    /// <summary>Whether <paramref name="value"/> is a number in [<see cref="Minimum"/>, <see cref="Maximum"/>].</summary>
    public bool Contains(double value) => !double.IsNaN(value) && value >= Minimum && value <= Maximum;

    /// <summary>The range as a message prints it: "[0, 100]", "[0, ∞)".</summary>
    public string Range =>
        $"{(double.IsNegativeInfinity(Minimum) ? "(-∞" : "[" + Number(Minimum))}, {(double.IsPositiveInfinity(Maximum) ? "∞)" : Number(Maximum) + "]")}";

    /// <summary>Half a unit in the last printed decimal: how far a printed value may be from the true one.</summary>
    public double RoundingError => 0.5 * Math.Pow(10, -Decimals);

    /// <summary>
    /// Positive when <paramref name="a"/> is better than <paramref name="b"/>, negative when worse, zero when equal.
    /// </summary>
    /// <exception cref="InvalidOperationException">The unit has no direction.</exception>
    public int Compare(double a, double b) => Direction switch
    {
        MetricDirection.HigherIsBetter => a.CompareTo(b),
        MetricDirection.LowerIsBetter => b.CompareTo(a),
        _ => throw new InvalidOperationException($"unit {Name} has no direction: its values are not better or worse than one another"),
    };

    /// <summary>Whether a difference (a − b) means a is better (true), worse (false) or neither (null: zero or no direction).</summary>
    public bool? IsImprovement(double difference) => Direction switch
    {
        _ when difference == 0 || double.IsNaN(difference) => null,
        MetricDirection.HigherIsBetter => difference > 0,
        MetricDirection.LowerIsBetter => difference < 0,
        _ => null,
    };

    /// <summary>The value with the unit's decimals ("74.3"), with the suffix when <paramref name="suffix"/>; "–" for none.</summary>
    public string Format(double? value, bool suffix = false) =>
        value is { } v ? v.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + (suffix ? Suffix : "") : "–";

    /// <summary>A difference with its sign ("+2.5", "-1.8"); "–" for none.</summary>
    public string FormatDifference(double? value) => value is { } v ? (v >= 0 ? "+" : "") + Format(v) : "–";

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
