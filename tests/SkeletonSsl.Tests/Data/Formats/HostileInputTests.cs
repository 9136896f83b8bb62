using System.Diagnostics;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Training.Checkpoints;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Data.Formats;

/// <summary>
/// The regression corpus of <see cref="HostileFiles"/>: every case that once crashed, hung or slipped
/// through now gives one <see cref="DataFormatException"/> naming the file (or loads, where the file is
/// legal but shaped to hurt), within a few seconds.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(10);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs <paramref name="read"/> and requires exactly a DataFormatException naming <paramref name="file"/>, quickly.</summary>
    private static DataFormatException Rejects(string file, Action read)
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<DataFormatException>(read);
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
        Assert.Contains(file, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void A_pickle_dict_key_nested_a_million_levels_is_refused_without_recursing()
    {
        var e = Rejects("deep.pkl", () => new Unpickler().Load(HostileFiles.PickleDeepDictKey(), "deep.pkl"));
        Assert.Contains("dict key", e.Message);
    }

    [Fact]
    public void A_pickle_dict_key_built_from_a_40_level_memo_dag_is_refused_at_once()
    {
        var e = Rejects("dag.pkl", () => new Unpickler().Load(HostileFiles.PickleDagDictKey(), "dag.pkl"));
        Assert.Contains("dict key", e.Message);
    }

    [Fact]
    public void A_dict_of_100000_keys_made_to_collide_under_double_hashing_loads_fast()
    {
        var watch = Stopwatch.StartNew();
        var dict = Assert.IsType<Dictionary<object, object?>>(new Unpickler().Load(HostileFiles.PickleCollidingFloatKeys(), "collide.pkl"));
        Assert.Equal(100_000, dict.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Inspecting_a_pickle_with_a_megabyte_integer_does_not_print_its_digits()
    {
        string path = Write("bigint.pkl", HostileFiles.PickleHugeInteger());
        var watch = Stopwatch.StartNew();
        var summary = DataInspector.Inspect(path);
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
        Assert.Contains("bits)", summary["structure"]!["value"]!.ToString());
    }

    [Fact]
    public void A_checkpoint_with_a_deeply_nested_list_beside_a_tensor_loads_and_frees_the_rest()
    {
        string path = Write("deep.pt", HostileFiles.TorchDeepListBesideTensor());
        var watch = Stopwatch.StartNew();
        var sd = PyTorchCheckpoint.ReadStateDict(path);
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
        Assert.Equal(["w"], sd.Keys);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, sd["w"].data<float>().ToArray());
        sd["w"].Dispose();
    }

    [Fact]
    public void A_checkpoint_with_a_40_level_memo_dag_beside_a_tensor_loads_without_walking_it_2_to_the_40_times()
    {
        string path = Write("dag.pt", HostileFiles.TorchDagBesideTensor());
        var watch = Stopwatch.StartNew();
        var sd = PyTorchCheckpoint.ReadStateDict(path);
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
        Assert.Equal(["w"], sd.Keys);
        sd["w"].Dispose();
    }

    [Fact]
    public void A_storage_used_as_a_value_is_refused_instead_of_handed_out_freed()
    {
        string path = Write("storage.pt", HostileFiles.TorchStorageAsValue());
        var e = Rejects("storage.pt", () => PyTorchCheckpoint.Load(path));
        Assert.Contains("storage is used as a value", e.Message);
    }

    [Theory]
    [InlineData(10u)]
    [InlineData(100_000u)]
    public void A_zip_entry_that_declares_more_bytes_than_it_holds_is_refused_naming_the_file(uint extra)
    {
        string path = Write("more.pt", HostileFiles.TorchEntryDeclaresMore(extra));
        Rejects("more.pt", () => PyTorchCheckpoint.ReadStateDict(path));
    }

    [Fact]
    public void A_zip_entry_that_declares_4_GiB_is_refused_without_allocating_it()
    {
        string path = Write("big.pt", HostileFiles.TorchEntryDeclares4GiB());
        Rejects("big.pt", () => PyTorchCheckpoint.ReadStateDict(path));
    }

    [Fact]
    public void Damaged_deflate_data_after_opening_a_checkpoint_is_an_error_naming_the_file()
    {
        string good = Write("good.pt", HostileFiles.TorchValid(deflate: true));
        foreach (var t in PyTorchCheckpoint.ReadStateDict(good).Values) t.Dispose(); // the unbroken file loads
        string path = Write("broken.pt", HostileFiles.TorchCorruptDeflate());
        Rejects("broken.pt", () => PyTorchCheckpoint.ReadStateDict(path));
    }

    [Fact]
    public void A_safetensors_shape_whose_product_overflows_is_refused()
    {
        string path = Write("overflow.safetensors", HostileFiles.SafeTensorsShapeOverflow());
        var e = Rejects("overflow.safetensors", () => SafeTensors.Read(path));
        Assert.Equal("w", e.Field);
    }

    [Fact]
    public void A_safetensors_header_that_is_not_utf8_is_refused_with_the_byte_offset()
    {
        string path = Write("utf8.safetensors", HostileFiles.SafeTensorsInvalidUtf8());
        var e = Rejects("utf8.safetensors", () => SafeTensors.Read(path));
        Assert.Contains("UTF-8 at byte 11", e.Message);
    }

    [Fact]
    public void A_safetensors_header_naming_a_tensor_twice_is_refused_naming_the_file_and_tensor()
    {
        string path = Write("twice.safetensors", HostileFiles.SafeTensorsDuplicateKey());
        var e = Rejects("twice.safetensors", () => SafeTensors.Read(path));
        Assert.Equal("w", e.Field);
    }

    [Fact]
    public void An_npy_shape_whose_element_count_wraps_to_zero_is_refused_by_read_and_inspect()
    {
        string path = Write("wrap.npy", HostileFiles.NpyCountOverflowsToZero());
        Rejects("wrap.npy", () => Npy.ReadHeader(path));
        Rejects("wrap.npy", () => DataInspector.Inspect(path));
        Rejects("wrap.npy", () => Npy.ReadTensor(path).Dispose());
    }

    [Fact]
    public void An_npy_header_promising_80_GB_in_a_small_file_is_refused_before_allocating()
    {
        string path = Write("huge.npy", HostileFiles.NpyHugeDeclaredShape());
        Rejects("huge.npy", () => Npy.ReadTensor(path).Dispose());
        Rejects("huge.npy", () => Npy.Read(path));
    }

    [Fact]
    public void An_npz_member_declaring_4_GiB_is_refused_naming_the_archive()
    {
        string path = Write("big.npz", HostileFiles.NpzMemberDeclares4GiB());
        Rejects("big.npz", () => Npz.ReadTensor(path, "x").Dispose());
        Rejects("big.npz", () => Npz.List(path));
    }

    [Fact]
    public void A_skeleton_body_count_of_int_max_is_a_truncation_error_not_an_allocation()
    {
        var e = Rejects("bodies.skeleton", () => NtuSkeletonReader.Parse(HostileFiles.SkeletonHugeBodyCount(), "bodies.skeleton"));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_skeleton_frame_count_of_int_max_is_a_truncation_error_not_an_allocation()
    {
        var e = Rejects("frames.skeleton", () => NtuSkeletonReader.Parse(HostileFiles.SkeletonHugeFrameCount(), "frames.skeleton"));
        Assert.Contains("truncated", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e39")] // finite as a double, infinite as the float32 the store holds
    public void A_non_finite_skeleton_coordinate_is_refused_naming_file_line_and_joint(string value)
    {
        var e = Rejects("nan.skeleton", () => NtuSkeletonReader.Parse(HostileFiles.SkeletonWithValue(value), "nan.skeleton"));
        Assert.Equal(7, e.Line);
        Assert.Equal("joint 3 y", e.Field);
        Assert.Contains("finite", e.Message);
    }

    [Fact]
    public void AllowNonFinite_keeps_the_value_and_warns_once_with_the_line()
    {
        var warnings = new List<string>();
        var options = new SkeletonTextOptions { AllowNonFinite = true, Warn = warnings.Add };
        var seq = NtuSkeletonReader.Parse(HostileFiles.SkeletonWithValue("NaN"), "nan.skeleton", options);
        Assert.True(float.IsNaN(seq.Frames[0].Bodies[0].Joints[2 * NtuBody.ValuesPerJoint + 1]));
        Assert.Equal("warning: nan.skeleton:7: 1 non-finite value kept (--allow-non-finite)", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-1e40")]
    public void A_non_finite_pku_coordinate_is_refused_naming_file_and_line(string value)
    {
        var e = Rejects("0002-L.txt", () => PkuSkeletonFile.Parse(HostileFiles.PkuWithValue(value), "0002-L.txt"));
        Assert.Equal(2, e.Line);
        Assert.Equal("person 1 joint 2 y", e.Field);
        var kept = PkuSkeletonFile.Parse(HostileFiles.PkuWithValue(value), "0002-L.txt", new SkeletonTextOptions { AllowNonFinite = true });
        Assert.False(float.IsFinite(kept.Frame(1)[4]));
    }
}
