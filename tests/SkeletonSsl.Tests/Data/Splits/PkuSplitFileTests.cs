using SkeletonSsl.Data;
using SkeletonSsl.Data.Splits;
using SkeletonSsl.Tests.Data.Formats;

namespace SkeletonSsl.Tests.Data.Splits;

public sealed class PkuSplitFileTests
{
    [Fact]
    public void Official_layout_with_trailing_separators_is_read()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("cross_subject_v2.txt"),
            "Training videos: \nA01N01-L, A01N01-M, A01N04-R, \nValidataion videos: \nA01N02-L, A01N03-M, \n");
        var split = PkuSplitFile.Read(dir.File("cross_subject_v2.txt"));
        Assert.Equal(["A01N01-L", "A01N01-M", "A01N04-R"], split.Train);
        Assert.Equal(["A01N02-L", "A01N03-M"], split.Val);
        split.Write(dir.File("again.txt"));
        Assert.Equal(File.ReadAllText(dir.File("cross_subject_v2.txt")), File.ReadAllText(dir.File("again.txt")));
    }

    [Fact]
    public void A_video_on_both_sides_or_a_bad_header_is_reported_with_its_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a.txt"), "Training videos: \n0002-L, \nValidataion videos: \n0002-L, \n");
        Assert.Equal(4, Assert.Throws<DataFormatException>(() => PkuSplitFile.Read(dir.File("a.txt"))).Line);
        File.WriteAllText(dir.File("b.txt"), "Train: \n0002-L, \nValidataion videos: \n0003-L, \n");
        Assert.Equal(1, Assert.Throws<DataFormatException>(() => PkuSplitFile.Read(dir.File("b.txt"))).Line);
    }

    [Fact]
    public void Missing_split_files_name_the_official_file_and_the_option()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => PkuSplitFile.Locate("pku1", "xview", dir.Path, null));
        Assert.Contains("cross-view.txt", e.Message);
        Assert.Contains("--splits", e.Message);
        Assert.Equal("cross_view_v2.txt", PkuSplitFile.OfficialFileName("pku2", "xview"));
    }
}
