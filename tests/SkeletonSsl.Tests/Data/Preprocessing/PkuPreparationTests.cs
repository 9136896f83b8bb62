using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Preprocessing;
using SkeletonSsl.Data.Splits;
using SkeletonSsl.Data.Synthetic;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Data.Preprocessing;

public sealed class PkuPreparationTests
{
    /// <summary>A 400-frame video whose person-1 x of every joint equals the 0-based row; person 2 only in rows ≥ 200.</summary>
    private static PkuSkeleton Video()
    {
        var v = new float[400 * 150];
        for (int t = 0; t < 400; t++)
        for (int j = 0; j < 25; j++)
        {
            v[t * 150 + j * 3] = t;
            if (t >= 200) v[t * 150 + 75 + j * 3 + 1] = 1;
        }
        return new PkuSkeleton(v, 400);
    }

    [Fact]
    public void Aimclr_cuts_lines_start_to_end_inclusive_and_cmd_rows_start_to_end_exclusive()
    {
        var instance = new PkuActionInstance(3, 11, 20, 1);
        var aimclr = PkuClipCutter.AimClr(Video(), instance);
        var cmd = PkuClipCutter.Cmd(Video(), instance);
        Assert.Equal(10, aimclr.FrameCount);
        Assert.Equal(10f, aimclr.Frames[0].Bodies[0].X(5));    // 1-based line 11 = row 10
        Assert.Equal(9, cmd.FrameCount);
        Assert.Equal(11f, cmd.Frames[0].Bodies[0].X(5));       // 0-based row 11: one frame later, one shorter
        Assert.Single(aimclr.Frames[0].Bodies);                 // second person all zero → one body
        Assert.Equal(2, cmd.Frames[0].Bodies.Count);
    }

    [Fact]
    public void Aimclr_centre_crops_clips_longer_than_300_frames()
    {
        var clip = PkuClipCutter.AimClr(Video(), new PkuActionInstance(1, 1, 400, 1));
        Assert.Equal(300, clip.FrameCount);
        Assert.Equal(50f, clip.Frames[0].Bodies[0].X(0));      // start = (400 − 300) div 2
        Assert.Equal(2, clip.Frames[299].Bodies.Count);
    }

    [Fact]
    public void Synthetic_pku_prepares_with_official_splits_and_both_naming_rules()
    {
        NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        var generator = new SyntheticPkuGenerator(SyntheticPkuConfig.For(SyntheticSize.Smoke));
        var description = generator.Write(dir.File("raw"));
        Assert.Equal(18, description.Videos);
        var cmd = NtuStyleCounts(PkuPreparer.Prepare("pku1", dir.File("raw"), PreparePipeline.Cmd, dir.File("cmd")));
        var aimclr = NtuStyleCounts(PkuPreparer.Prepare("pku1", dir.File("raw"), PreparePipeline.AimClr, dir.File("aimclr")));
        Assert.Equal(cmd, aimclr);
        var split = PkuSplitFile.Read(Path.Combine(dir.File("raw"), "Split", "cross-subject.txt"));
        int valInstances = split.Val.Sum(v => PkuLabelFile.Read(Path.Combine(dir.File("raw"), SyntheticPkuGenerator.LabelFolder, v + ".txt")).Count);
        Assert.Equal(valInstances, cmd[("xsub", "val")]);
        var store = PreparedStore.Open(dir.File("cmd"));
        using var val = store.Load("xsub", "val");
        Assert.All(val.Names, n => Assert.Contains(n[..n.IndexOf(".txt_", StringComparison.Ordinal)], split.Val));
        Assert.Matches("^F\\d{3}V00[123]C\\d{3}L\\d{3}$", PreparedStore.Open(dir.File("aimclr")).Load("xview", "train").Names[0]);
    }

    private static Dictionary<(string, string), int> NtuStyleCounts(PreparedManifest m) =>
        m.Splits.SelectMany(s => s.Parts.Select(p => ((s.Name, p.Name), p.Count))).ToDictionary(x => x.Item1, x => x.Count);
}
