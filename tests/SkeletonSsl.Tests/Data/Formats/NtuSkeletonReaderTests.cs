using System.Text;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Tests.Data.Formats;

public sealed class NtuSkeletonReaderTests
{
    private const string Joint = "0.2187721 0.1728091 3.78533 277.4326 191.3454 1036.841 519.2213 -0.2347787 0.00491998 0.9708757 -0.05022896 2";
    private const string Info = "72057594037931101 0 1 1 1 1 0 0.02764709 0.05745083 2";

    private static string Body(string info = Info, int joints = 25, string joint = Joint) =>
        info + "\n" + joints + "\n" + string.Concat(Enumerable.Repeat(joint + "\n", joints));

    private static NtuSkeletonSequence Parse(string text, string file = "S001C001P001R001A001.skeleton") =>
        NtuSkeletonReader.Parse(Encoding.UTF8.GetBytes(text), file);

    [Fact]
    public void Parse_ReadsValuesBodyIdsAndEmptyFrames()
    {
        var seq = Parse("3\n1\n" + Body() + "0\n2\n" + Body() + Body("18446744073709551615 3 0 0 0 0 1 -1e-3 2.5E+1 1"));
        Assert.Equal(3, seq.FrameCount);
        Assert.Empty(seq.Frames[1].Bodies);
        Assert.Equal(2, seq.MaxBodies);
        var body = seq.Frames[0].Bodies[0];
        Assert.Equal(72057594037931101UL, body.BodyId); // > 2^53: a double would round it
        Assert.Equal(0.2187721f, body.X(0));
        Assert.Equal(3.78533f, body.Z(24));
        Assert.Equal(2f, body.Joints[11]);
        var last = seq.Frames[2].Bodies[1];
        Assert.Equal(ulong.MaxValue, last.BodyId);
        Assert.Equal(new NtuBodyInfo(3, 0, 0, 0, 0, 1, -0.001f, 25f, 1), last.Info);
    }

    [Fact]
    public void Parse_AcceptsCrlfTabsRunsOfSpacesTrailingSpacesAndExponents()
    {
        string joint = "  2.187721e-1\t0.1728091   3.78533E0 277.4326 191.3454 1036.841 519.2213 -0.2347787 0.00491998 0.9708757 -5.022896e-2 2   ";
        string text = ("1 \n1\t\n" + Body(Info + " \t", 25, joint)).Replace("\n", "\r\n");
        var body = Parse(text).Frames[0].Bodies[0];
        Assert.Equal(0.2187721f, body.X(0));
        Assert.Equal(-0.05022896f, body.Joints[10]);
        Assert.Equal(3.78533f, body.Z(3));
    }

    [Fact]
    public void Parse_KeepsThreeAndFourBodiesAndMoreThan300Frames()
    {
        var sb = new StringBuilder("301\n");
        for (int f = 0; f < 301; f++) sb.Append(f % 2 == 0 ? "3\n" + Body() + Body() + Body() : "4\n" + Body() + Body() + Body() + Body());
        var seq = Parse(sb.ToString());
        Assert.Equal(301, seq.FrameCount);
        Assert.Equal(4, seq.MaxBodies);
        Assert.Equal(3, seq.Frames[300].Bodies.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteThenRead_RoundTripsEveryValueExactly(bool crlf)
    {
        var expected = NtuSamples.Random(seed: 7, frames: 40, maxBodies: 4);
        using var tmp = new TempDir();
        string path = tmp.File("S002C003P004R002A050.skeleton");
        NtuSkeletonWriter.Write(path, expected, crlf);
        Assert.Equal(crlf, File.ReadAllText(path).Contains("\r\n"));
        NtuSamples.AssertEqual(expected, NtuSkeletonReader.Read(path));
        Assert.Empty(Directory.GetFiles(tmp.Path, "*.tmp-*"));
    }

    [Fact]
    public void Parse_TruncatedFile_NamesFileLineAndField()
    {
        string text = "2\n1\n" + Body() + "1\n" + Info + "\n25\n" + Joint + "\n";
        var e = Assert.Throws<DataFormatException>(() => Parse(text, "cut.skeleton"));
        Assert.Equal("cut.skeleton", e.File);
        Assert.Equal(2 + 27 + 4 + 1, e.Line); // one past the last line (33)
        Assert.Contains("truncated", e.Message);
        Assert.Contains("joint 2", e.Field);
    }

    [Fact]
    public void Parse_WrongJointCount_NamesTheJointCountLine()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("1\n1\n" + Body(joints: 24)));
        Assert.Equal(4, e.Line);
        Assert.Equal("joint count", e.Field);
        Assert.Contains("25", e.Message);
    }

    [Fact]
    public void Parse_NonNumericToken_NamesLineJointAndValue()
    {
        string bad = Joint.Replace("3.78533", "3.7x533");
        string text = "1\n1\n" + Info + "\n25\n" + Joint + "\n" + bad + "\n" + string.Concat(Enumerable.Repeat(Joint + "\n", 23));
        var e = Assert.Throws<DataFormatException>(() => Parse(text));
        Assert.Equal(6, e.Line);
        Assert.Equal("joint 2 z", e.Field);
        Assert.Contains("3.7x533", e.Message);
        Assert.Contains("S001C001P001R001A001.skeleton:6", e.Message);
    }

    [Fact]
    public void Parse_MoreFramesThanDeclared_IsAFrameCountMismatch()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("1\n0\n1\n" + Body()));
        Assert.Equal(3, e.Line);
        Assert.Contains("frame count mismatch", e.Message);
    }

    [Fact]
    public void Parse_JointLineWithTooManyOrTooFewValues_Fails()
    {
        string text = "1\n1\n" + Info + "\n25\n" + Joint + " 7\n";
        Assert.Equal(5, Assert.Throws<DataFormatException>(() => Parse(text)).Line);
        string shortLine = "1\n1\n" + Info + "\n25\n" + Joint[..Joint.LastIndexOf(' ')] + "\n";
        var e = Assert.Throws<DataFormatException>(() => Parse(shortLine));
        Assert.Equal("joint 1 trackingState", e.Field);
    }

    [Fact]
    public void Parse_BodyInfoWithNineTokens_Fails()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("1\n1\n" + Body("1 0 1 1 1 1 0 0.1 0.2")));
        Assert.Equal(3, e.Line);
        Assert.Equal("body info", e.Field);
    }
}
