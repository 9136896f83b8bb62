using SkeletonSsl.Data;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Training;
using static TorchSharp.torch;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tests.Data;

public sealed class PreparedStoreTests
{
    private static PreparedProvenance Provenance() =>
        new("tests", DateTimeOffset.UnixEpoch, "hand-made", new Dictionary<string, string>(), 3, [new SkippedSample("x", "why")]);

    [Fact]
    public void A_written_part_loads_back_identically_and_verifies()
    {
        NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        string store = dir.File("store");
        using var data = randn([5, 3, 50, 25, 2], generator: new Generator(7));
        using (var writer = new PreparedStoreWriter(store))
        {
            writer.AddPart("xsub", "train", data, [0, 1, 2, 1, 0], ["a", "b", "c", "d", "e"], 3);
            writer.AddPart("xsub", "val", data.narrow(0, 0, 2), [2, 2], ["f", "g"], 3);
            var manifest = writer.Commit("ntu60", "aimclr", "1", ["x", "y", "z"], 50, Provenance());
            Assert.Equal([2, 2, 1], manifest.Split("xsub").Part("train").ClassCounts);
        }
        Assert.False(Directory.Exists(store + $".tmp-{Environment.ProcessId}"));
        var opened = PreparedStore.Open(store);
        Assert.Equal(["xsub"], opened.Splits);
        Assert.Empty(opened.Verify());
        using var train = opened.Load("xsub", "train");
        Assert.True(train.Data.eq(data).all().item<bool>());
        Assert.Equal([0L, 1, 2, 1, 0], train.Labels);
        Assert.Equal(["a", "b", "c", "d", "e"], train.Names);
        Assert.Equal(3, train.NumClasses);
        using var test = opened.Load("xsub", "test");   // "test" is an alias of "val"
        Assert.Equal(2, test.Count);
        Assert.Null(opened.LoadFrameCounts("xsub", "train"));
    }

    [Fact]
    public void A_changed_byte_fails_verification_and_unknown_splits_are_named()
    {
        NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        string store = dir.File("store");
        using (var writer = new PreparedStoreWriter(store))
        {
            using var data = zeros([2, 3, 50, 25, 2]);
            writer.AddPart("xview", "train", data, [0, 1], ["a", "b"], 2, numFrames: [40, 61]);
            writer.Commit("ntu60", "cmd", "1", ["x", "y"], 50, Provenance());
        }
        var opened = PreparedStore.Open(store);
        Assert.Equal([40L, 61], opened.LoadFrameCounts("xview", "train"));
        string npy = Path.Combine(store, "xview", "train_data.npy");
        var bytes = File.ReadAllBytes(npy);
        bytes[^1] ^= 1;
        File.WriteAllBytes(npy, bytes);
        Assert.Contains(opened.Verify(), p => p.Contains("train_data.npy"));
        var e = Assert.Throws<ArgumentException>(() => opened.Load("xsub", "train"));
        Assert.Contains("xview", e.Message);
    }

    [Fact]
    public void Data_inspect_lists_a_stores_splits_and_counts()
    {
        var summary = SkeletonSsl.Data.Formats.DataInspector.Inspect(SmokeStores.AimClr);
        var manifest = PreparedStore.Open(SmokeStores.AimClr).Manifest;
        Assert.Equal("prepared store", (string?)summary["format"]);
        Assert.Equal(manifest.Split("xview").Part("val").Count, (int)summary["splits"]!["xview"]!["val"]!);
        Assert.Equal(manifest.ContentHash, (string?)summary["content_hash"]);
    }

    [Fact]
    public void Opening_a_folder_without_a_manifest_says_what_is_missing()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => PreparedStore.Open(dir.Path));
        Assert.Contains("manifest.json", e.Message);
    }
}
