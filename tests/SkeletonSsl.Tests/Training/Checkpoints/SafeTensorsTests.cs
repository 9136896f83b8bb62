using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Training.Checkpoints;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("safetensors-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Save_then_read_is_bitwise_for_a_whole_encoder_state()
    {
        using var model = new StGcnEncoder(generator: new Generator(1));
        string path = Path.Combine(_dir, "stgcn.safetensors");
        SafeTensors.Save(model, path, new Dictionary<string, string> { ["format"] = "pt" });
        var (tensors, metadata) = SafeTensors.Read(path);
        var expected = model.state_dict();
        Assert.Equal(expected.Keys, tensors.Keys);
        foreach (var (name, t) in expected)
        {
            Assert.Equal(t.dtype, tensors[name].dtype);
            Assert.Equal(t.shape, tensors[name].shape);
            Assert.Equal(t.bytes.ToArray(), tensors[name].bytes.ToArray());
        }
        Assert.Equal("pt", metadata["format"]);
        Assert.False(File.Exists($"{path}.tmp-{Environment.ProcessId}"));
    }

    [Fact]
    public void Written_file_has_the_documented_layout()
    {
        string path = Path.Combine(_dir, "layout.safetensors");
        using var a = tensor(new float[] { 1.5f, -2f, 3f, 0.25f }).view(2, 2);
        using var b = tensor(new long[] { 7 });
        SafeTensors.Write(path, new Dictionary<string, Tensor> { ["a"] = a, ["b"] = b });
        byte[] file = File.ReadAllBytes(path);
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, (8 + n) % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)n).TrimEnd(' '));
        var ea = header.RootElement.GetProperty("a");
        Assert.Equal("F32", ea.GetProperty("dtype").GetString());
        Assert.Equal([2L, 2L], ea.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([0L, 16L], ea.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("I64", header.RootElement.GetProperty("b").GetProperty("dtype").GetString());
        Assert.Equal(1.5f, BitConverter.ToSingle(file, 8 + (int)n));
        Assert.Equal(7L, BitConverter.ToInt64(file, 8 + (int)n + 16));
        Assert.Equal(8 + n + 24, file.Length);
    }

    private string WriteRaw(string name, string header, byte[] data)
    {
        string path = Path.Combine(_dir, name);
        byte[] h = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + h.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)h.Length);
        h.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + h.Length);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_hand_written_file_reads_with_its_values_shapes_and_dtypes()
    {
        var data = new byte[8 + 2 + 4];
        BitConverter.GetBytes(-0.5f).CopyTo(data, 0);
        BitConverter.GetBytes(4f).CopyTo(data, 4);
        BitConverter.GetBytes((short)-3).CopyTo(data, 8);
        data[10] = 1; data[11] = 0; data[12] = 1; data[13] = 1;
        string path = WriteRaw("hand.safetensors",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},\"s\":{\"dtype\":\"I16\",\"shape\":[],\"data_offsets\":[8,10]}," +
            "\"m\":{\"dtype\":\"BOOL\",\"shape\":[4],\"data_offsets\":[10,14]}}", data);
        var (t, _) = SafeTensors.Read(path);
        Assert.Equal(new[] { -0.5f, 4f }, t["w"].data<float>().ToArray());
        Assert.Equal(new long[] { 1, 2 }, t["w"].shape);
        Assert.Empty(t["s"].shape);
        Assert.Equal((short)-3, t["s"].item<short>());
        Assert.Equal(new[] { true, false, true, true }, t["m"].data<bool>().ToArray());
    }

    [Theory]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "w")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}", "v")]
    [InlineData("{\"w\":{\"dtype\":\"Q8\",\"shape\":[8],\"data_offsets\":[0,8]}}", "Q8")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "holds 8")]
    [InlineData("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", "dtype")]
    [InlineData("[1, 2]", "JSON object")]
    public void Malformed_headers_are_refused_naming_the_problem(string header, string named)
    {
        string path = WriteRaw("bad.safetensors", header, new byte[8]);
        var e = Assert.Throws<DataFormatException>(() => SafeTensors.Read(path));
        Assert.Contains(named, e.Message);
        Assert.Contains("bad.safetensors", e.Message);
    }

    [Fact]
    public void A_header_length_beyond_the_file_is_refused()
    {
        string path = Path.Combine(_dir, "short.safetensors");
        var bytes = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => SafeTensors.Read(path));
        Assert.Contains("header length", e.Message);
    }
}
