using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Tables;

public sealed class MetricUnitTests
{
    [Fact]
    public void Each_unit_knows_its_range()
    {
        Assert.True(MetricUnit.Percent.Contains(100));
        Assert.False(MetricUnit.Percent.Contains(100.01));
        Assert.False(MetricUnit.Ratio.Contains(1.5));
        Assert.True(MetricUnit.Millimetres.Contains(145.0));
        Assert.False(MetricUnit.Millimetres.Contains(-0.1));
        Assert.False(MetricUnit.Percent.Contains(double.NaN));
        Assert.True(MetricUnit.PercentagePoints.Contains(-19.8));
        Assert.False(MetricUnit.PercentagePoints.Contains(-100.5));
        Assert.Equal("[0, 100]", MetricUnit.Percent.Range);
        Assert.Equal("[0, ∞)", MetricUnit.Millimetres.Range);
        Assert.Equal("[-100, 100]", MetricUnit.PercentagePoints.Range);
    }

    [Fact]
    public void Better_follows_the_direction()
    {
        Assert.True(MetricUnit.Percent.Compare(74.3, 68.3) > 0);
        Assert.True(MetricUnit.Millimetres.Compare(101.7, 108.5) > 0); // PCM3 Table 6: lower MPJPE is better
        Assert.True(MetricUnit.Millimetres.Compare(145.0, 108.5) < 0);
        Assert.Equal(0, MetricUnit.Ratio.Compare(0.5, 0.5));
        Assert.Throws<InvalidOperationException>(() => MetricUnit.Count.Compare(1, 2));
        Assert.True(MetricUnit.Percent.IsImprovement(2.5));
        Assert.False(MetricUnit.Millimetres.IsImprovement(2.5));
        Assert.True(MetricUnit.Millimetres.IsImprovement(-2.5));
        Assert.Null(MetricUnit.Percent.IsImprovement(0));
        Assert.Null(MetricUnit.Count.IsImprovement(3));
    }

    [Fact]
    public void A_reduction_is_lower_is_better_and_a_change_keeps_the_direction()
    {
        var drop = MetricUnit.PercentagePoints.Reversed; // PCM3 Table 4's Δ↓
        Assert.Equal(MetricDirection.LowerIsBetter, drop.Direction);
        Assert.True(drop.Compare(3.3, 12.4) > 0);
        Assert.Equal(MetricDirection.HigherIsBetter, MetricUnit.Percent.Change.Direction);
        Assert.Equal(MetricDirection.LowerIsBetter, MetricUnit.Millimetres.Change.Direction);
        Assert.Equal(MetricUnit.Percent, MetricUnit.Percent.Reversed.Reversed);
    }

    [Fact]
    public void Values_print_with_the_units_decimals_and_suffix()
    {
        Assert.Equal("74.3", MetricUnit.Percent.Format(74.3));
        Assert.Equal("74.3%", MetricUnit.Percent.Format(74.3, suffix: true));
        Assert.Equal("0.6793", MetricUnit.Ratio.Format(0.67931));
        Assert.Equal("101.7 mm", MetricUnit.Millimetres.Format(101.7, suffix: true));
        Assert.Equal("12", MetricUnit.Count.Format(12.0));
        Assert.Equal("–", MetricUnit.Percent.Format(null));
        Assert.Equal("+6.0", MetricUnit.PercentagePoints.FormatDifference(6.0));
        Assert.Equal("-1.8", MetricUnit.Percent.FormatDifference(-1.75));
        Assert.Equal(0.05, MetricUnit.Percent.RoundingError, 12);
    }
}
