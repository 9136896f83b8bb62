using System.Text;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Tests.Data.Formats;

public sealed class PkuFileTests
{
    private static string Row(int f, bool secondPerson) =>
        string.Join(" ", Enumerable.Range(0, 150).Select(i => i >= 75 && !secondPerson ? "0.000000" : $"{(f * 150 + i) * 0.001:F6}"));

    [Fact]
    public void ParseSkeleton_ReadsFramesWithTrailingSpacesCrlfAndZeroSecondPerson()
    {
        string text = Row(0, true) + " \r\n" + Row(1, false) + " \r\n";
        var s = PkuSkeletonFile.Parse(Encoding.ASCII.GetBytes(text), "0002-L.txt");
        Assert.Equal(2, s.FrameCount);
        Assert.Equal(0.149f, s.Frame(0)[149]);
        Assert.Equal(0f, s.Frame(1)[75]);
        Assert.Equal(0.150f, s.ToArray2D()[1, 0]);
    }

    [Fact]
    public void Skeleton_WriteThenRead_RoundTrips()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 7 * 150).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        using var tmp = new TempDir();
        string path = tmp.File("A01N01-M.txt");
        PkuSkeletonFile.Write(path, new PkuSkeleton(values, 7));
        var back = PkuSkeletonFile.Read(path);
        Assert.Equal(7, back.FrameCount);
        Assert.Equal(values, back.Values);
    }

    [Fact]
    public void ParseSkeleton_ShortRowOrBadTokenOrBlankLine_NamesLineAndField()
    {
        string shortRow = Row(1, true)[..Row(1, true).LastIndexOf(' ')];
        var e = Assert.Throws<DataFormatException>(() => PkuSkeletonFile.Parse(Encoding.ASCII.GetBytes(Row(0, true) + "\n" + shortRow + "\n"), "p.txt"));
        Assert.Equal(2, e.Line);
        Assert.Equal("person 2 joint 25 z", e.Field);
        var bad = Row(0, true).Replace("0.004000", "nope");
        var e2 = Assert.Throws<DataFormatException>(() => PkuSkeletonFile.Parse(Encoding.ASCII.GetBytes(bad), "p.txt"));
        Assert.Equal(1, e2.Line);
        Assert.Equal("person 1 joint 2 y", e2.Field);
        var e3 = Assert.Throws<DataFormatException>(() => PkuSkeletonFile.Parse(Encoding.ASCII.GetBytes(Row(0, true) + "\n\n" + Row(1, true)), "p.txt"));
        Assert.Equal(2, e3.Line);
        var e4 = Assert.Throws<DataFormatException>(() => PkuSkeletonFile.Parse(Encoding.ASCII.GetBytes(Row(0, true) + " 1.0\n"), "p.txt"));
        Assert.Equal("frame", e4.Field);
    }

    [Fact]
    public void ParseLabels_AcceptsCommasOrSpacesAndSwapsStartAfterEnd()
    {
        var labels = PkuLabelFile.Parse("12,100,180,1\r\n5 300 250 2\n 51, 7 ,9,1 \n"u8, "0002-L.txt");
        Assert.Equal([new PkuActionInstance(12, 100, 180, 1), new PkuActionInstance(5, 250, 300, 2), new PkuActionInstance(51, 7, 9, 1)], labels);
        Assert.Equal(11, labels[0].Label);
        Assert.Equal(81, labels[0].Length);
    }

    [Fact]
    public void Labels_WriteThenRead_RoundTrips()
    {
        PkuActionInstance[] instances = [new(1, 1, 50, 1), new(51, 60, 61, 2)];
        using var tmp = new TempDir();
        string path = tmp.File("A05N04-L.txt");
        PkuLabelFile.Write(path, instances);
        Assert.Equal("1,1,50,1\n51,60,61,2\n", File.ReadAllText(path));
        Assert.Equal(instances, PkuLabelFile.Read(path));
    }

    [Theory]
    [InlineData("12,100,180\n", 1, "label")]
    [InlineData("12,100,180,1\n12,x,180,1\n", 2, "start")]
    [InlineData("0,1,2,1\n", 1, "class")]
    public void ParseLabels_Malformed_NamesLineAndField(string text, int line, string field)
    {
        var e = Assert.Throws<DataFormatException>(() => PkuLabelFile.Parse(Encoding.ASCII.GetBytes(text), "l.txt"));
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
    }
}
