using SkeletonSsl.Data;
using SkeletonSsl.Data.Preprocessing;
using SkeletonSsl.Data.Splits;
using SkeletonSsl.Data.Synthetic;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Data.Synthetic;

public sealed class SyntheticSetsTests
{
    [Fact]
    public void Smoke_stores_have_50_and_300_frames_and_reuse_is_detected()
    {
        var aimclr = PreparedStore.Open(SmokeStores.AimClr);
        var cmd = PreparedStore.Open(SmokeStores.Cmd);
        Assert.Equal(50, aimclr.Manifest.Frames);
        Assert.Equal(300, cmd.Manifest.Frames);
        Assert.Equal(["xsub", "xview"], aimclr.Splits);
        Assert.True(SyntheticSets.IsCurrent(SmokeStores.AimClr, SyntheticConfig.For(SyntheticSize.Smoke), PreparePipeline.AimClr));
        Assert.False(SyntheticSets.IsCurrent(SmokeStores.AimClr, SyntheticConfig.For(SyntheticSize.Smoke, seed: 5), PreparePipeline.AimClr));
        using var train = cmd.Load("xsub", "train");
        Assert.Equal([train.Count, 3L, 300, 25, 2], train.Data.shape);
        Assert.Equal(train.Count, cmd.LoadFrameCounts("xsub", "train")!.Length);
    }

    [Fact]
    public void Preparing_reports_corrupt_files_and_ignored_samples_by_name()
    {
        var store = PreparedStore.Open(SmokeStores.AimClr);
        var description = SyntheticDescription.TryRead(SmokeStores.Raw)!;
        var skipped = store.Manifest.Provenance.Skipped.ToDictionary(s => s.Name, s => s.Reason);
        foreach (var bad in description.Corrupt)
        {
            Assert.True(skipped.ContainsKey(bad.Name), $"{bad.Name} ({bad.Problem}) was not reported");
            Assert.Contains(bad.Name + ".skeleton", skipped[bad.Name]);
        }
        foreach (string missing in description.MissingSkeletons)
            Assert.Contains("missing-skeleton list", skipped[missing]);
    }

    [Fact]
    public void Preparing_twice_gives_the_same_content_hash()
    {
        NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        string store = dir.File("again");
        var manifest = NtuPreparer.Prepare("ntu60", SmokeStores.Raw, PreparePipeline.AimClr, store);
        Assert.Equal(PreparedStore.Open(SmokeStores.AimClr).Manifest.ContentHash, manifest.ContentHash);
    }

    [Fact]
    public void A_real_dataset_without_the_missing_skeleton_list_is_refused_naming_the_official_file()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("raw"));
        File.Copy(Directory.EnumerateFiles(Path.Combine(SmokeStores.Raw, SyntheticNtuGenerator.SkeletonFolder)).First(), Path.Combine(dir.File("raw"), "S001C001P001R001A001.skeleton"));
        var e = Assert.Throws<FileNotFoundException>(() => NtuPreparer.Prepare("ntu120", dir.File("raw"), PreparePipeline.Cmd, dir.File("out")));
        Assert.Contains(KnownMissingList.Ntu120FileName, e.Message);
        Assert.Contains("--ignore", e.Message);
    }

    [Fact]
    public void Missing_skeleton_list_has_the_official_layout()
    {
        var lines = File.ReadAllLines(Path.Combine(SmokeStores.Raw, KnownMissingList.Ntu60FileName));
        Assert.True(lines[0].Length > 20 && lines[1].Length > 20 && lines[2].Length == 0);
        Assert.All(lines.Skip(3), l => Assert.Matches("^S\\d{3}C\\d{3}P\\d{3}R\\d{3}A\\d{3}$", l));
        Assert.Equal(SyntheticDescription.TryRead(SmokeStores.Raw)!.MissingSkeletons, KnownMissingList.Read(Path.Combine(SmokeStores.Raw, KnownMissingList.Ntu60FileName)).Where(n => n.Length == 20).Order(StringComparer.Ordinal));
    }
}
