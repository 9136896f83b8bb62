using System.Text.Json.Nodes;
using SkeletonSsl.Data;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Data;

/// <summary>
/// A prepared store is checked against its manifest on load: sizes first, then the SHA-256 of each
/// file as it is read; an edited file or manifest is an error naming it, and manifests written before
/// sizes were recorded still load.
/// </summary>
public sealed class PreparedStoreIntegrityTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _store;

    public PreparedStoreIntegrityTests()
    {
        NativeRuntime.EnsureInitialised();
        _store = _dir.File("store");
        using var writer = new PreparedStoreWriter(_store);
        using var data = arange(2 * 3 * 4 * 25 * 2, dtype: float32).reshape(2, 3, 4, 25, 2);
        writer.AddPart("xsub", "train", data, [0, 1], ["a", "b"], 2, numFrames: [3, 4]);
        writer.Commit("ntu60", "cmd", "1", ["x", "y"], 4,
            new PreparedProvenance("tests", DateTimeOffset.UnixEpoch, "hand-made", new Dictionary<string, string>(), 2, []));
    }

    public void Dispose() => _dir.Dispose();

    private string StoreFile(string relative) => Path.Combine(_store, relative);

    private JsonObject ManifestJson() => JsonNode.Parse(File.ReadAllText(StoreFile("manifest.json")))!.AsObject();

    private void WriteManifest(JsonObject json) => File.WriteAllText(StoreFile("manifest.json"), json.ToJsonString());

    [Fact]
    public void The_manifest_records_each_files_size_and_an_intact_store_loads()
    {
        var manifest = PreparedStore.Open(_store).Manifest;
        Assert.NotNull(manifest.FileSizes);
        Assert.Equal(new FileInfo(StoreFile("xsub/train_data.npy")).Length, manifest.FileSizes!["xsub/train_data.npy"]);
        using var train = PreparedStore.Open(_store).Load("xsub", "train");
        Assert.Equal(2, train.Count);
    }

    [Fact]
    public void An_edited_data_file_of_the_same_size_fails_to_load_naming_it()
    {
        var bytes = File.ReadAllBytes(StoreFile("xsub/train_data.npy"));
        bytes[^5] ^= 0x10; // one float changed: same size, so only the hash can tell
        File.WriteAllBytes(StoreFile("xsub/train_data.npy"), bytes);
        var e = Assert.Throws<DataFormatException>(() => PreparedStore.Open(_store).Load("xsub", "train"));
        Assert.Contains("train_data.npy", e.Message);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void A_data_file_of_another_size_fails_on_the_size_check_naming_it()
    {
        File.AppendAllText(StoreFile("xsub/train_data.npy"), "x");
        var e = Assert.Throws<DataFormatException>(() => PreparedStore.Open(_store).Load("xsub", "train"));
        Assert.Contains("train_data.npy", e.Message);
        Assert.Equal("size", e.Field);
    }

    [Theory]
    [InlineData("xsub/train_label.npy")]
    [InlineData("xsub/train_names.txt")]
    public void Edited_labels_or_names_fail_to_load_naming_the_file(string relative)
    {
        var bytes = File.ReadAllBytes(StoreFile(relative));
        bytes[^2] ^= 0x01;
        File.WriteAllBytes(StoreFile(relative), bytes);
        var e = Assert.Throws<DataFormatException>(() => PreparedStore.Open(_store).Load("xsub", "train"));
        Assert.Contains(Path.GetFileName(relative), e.Message);
    }

    [Fact]
    public void An_edited_frame_count_file_fails_naming_it()
    {
        var bytes = File.ReadAllBytes(StoreFile("xsub/train_num_frame.npy"));
        bytes[^8] ^= 0x01;
        File.WriteAllBytes(StoreFile("xsub/train_num_frame.npy"), bytes);
        var e = Assert.Throws<DataFormatException>(() => PreparedStore.Open(_store).LoadFrameCounts("xsub", "train"));
        Assert.Contains("train_num_frame.npy", e.Message);
    }

    [Fact]
    public void A_manifest_without_file_sizes_still_loads_with_hashes_checked()
    {
        var json = ManifestJson();
        json.Remove("fileSizes");
        WriteManifest(json);
        var store = PreparedStore.Open(_store);
        Assert.Null(store.Manifest.FileSizes);
        using (var train = store.Load("xsub", "train")) Assert.Equal(2, train.Count);
        File.AppendAllText(StoreFile("xsub/train_data.npy"), "x");
        Assert.Contains("SHA-256", Assert.Throws<DataFormatException>(() => store.Load("xsub", "train")).Message);
    }

    [Fact]
    public void A_manifest_whose_file_hashes_were_edited_is_refused_on_open_saying_to_re_prepare()
    {
        var json = ManifestJson();
        json["files"]!["xsub/train_data.npy"] = new string('0', 64);
        WriteManifest(json);
        var e = Assert.Throws<DataFormatException>(() => PreparedStore.Open(_store));
        Assert.Contains("manifest.json", e.Message);
        Assert.Contains("re-prepare", e.Message);
        Assert.Equal("contentHash", e.Field);
    }

    [Theory]
    [InlineData("splits", "[{\"name\":\"../../elsewhere\",\"parts\":[{\"name\":\"train\",\"count\":2,\"classCounts\":[1,1]}]}]")]
    [InlineData("numClasses", "0")]
    [InlineData("frames", "-4")]
    [InlineData("files", "null")]
    [InlineData("classes", "[\"x\"]")]
    public void A_damaged_manifest_field_is_one_error_naming_the_manifest(string field, string value)
    {
        var json = ManifestJson();
        json[field] = JsonNode.Parse(value);
        WriteManifest(json);
        var e = Assert.Throws<DataFormatException>(() => PreparedStore.Open(_store));
        Assert.Contains("manifest.json", e.Message);
    }

    [Fact]
    public void A_manifest_missing_a_required_field_is_an_error_not_a_null_reference()
    {
        var json = ManifestJson();
        json.Remove("splits");
        WriteManifest(json);
        var e = Assert.Throws<DataFormatException>(() => PreparedStore.Open(_store));
        Assert.Contains("manifest.json", e.Message);
    }
}
