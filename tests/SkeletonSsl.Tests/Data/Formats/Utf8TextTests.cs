using System.Globalization;
using System.Text;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Tests.Data.Formats;

public sealed class Utf8TextTests
{
    [Theory]
    [InlineData("0.2187721")]
    [InlineData("-0.00491998")]
    [InlineData("1036.841")]
    [InlineData("2")]
    [InlineData("+3.5")]
    [InlineData("1e-7")]
    [InlineData("-2.5E+3")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("0.12345678901234567890123")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("4.9e-324")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("-0")]
    public void TryParseDouble_AgreesWithTheFrameworkParser(string text)
    {
        Assert.True(Utf8Text.TryParseDouble(Encoding.ASCII.GetBytes(text), out double v));
        Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), v);
    }

    [Fact]
    public void TryParseDouble_AgreesOnManyRandomDecimals()
    {
        var rng = new Random(3);
        for (int i = 0; i < 20000; i++)
        {
            double x = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-12, 12));
            string text = i % 3 == 0 ? x.ToString("R", CultureInfo.InvariantCulture)
                : i % 3 == 1 ? ((float)x).ToString(CultureInfo.InvariantCulture) : x.ToString("E6", CultureInfo.InvariantCulture);
            Assert.True(Utf8Text.TryParseDouble(Encoding.ASCII.GetBytes(text), out double v), text);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), v);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("12a")]
    [InlineData("e5")]
    [InlineData("0x10")]
    public void TryParseDouble_RejectsNonNumbers(string text) =>
        Assert.False(Utf8Text.TryParseDouble(Encoding.ASCII.GetBytes(text), out _));
}
