using System.Buffers.Binary;
using System.Text;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Data.Formats;

public sealed class NpyTests
{
    /// <summary>A .npy file built by hand: magic, version, header length, the dict padded to 64, data.</summary>
    internal static byte[] NpyBytes(string dict, byte[] data, int major = 1)
    {
        int preamble = major == 1 ? 10 : 12;
        int total = (preamble + dict.Length + 1 + 63) / 64 * 64;
        var header = Encoding.UTF8.GetBytes(dict.PadRight(total - preamble - 1) + "\n");
        var bytes = new byte[total + data.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = (byte)major;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)header.Length);
        header.CopyTo(bytes, preamble);
        data.CopyTo(bytes, total);
        return bytes;
    }

    private static NpyArray ReadBytes(byte[] bytes) => Npy.Read(new MemoryStream(bytes), "x.npy");

    private static Tensor ReadTensorBytes(byte[] bytes) => Npy.ReadTensor(new MemoryStream(bytes), "x.npy");

    private static byte[] Floats(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void WriteThenRead_RoundTripsEveryDtypeAsArrays()
    {
        using var tmp = new TempDir();
        void Check<T>(T[] data, params long[] shape) where T : unmanaged
        {
            string path = tmp.File($"{typeof(T).Name}-{shape.Length}.npy");
            Npy.Write(path, data, shape);
            var back = Npy.Read(path);
            Assert.Equal(shape, back.Shape);
            Assert.Equal(data, back.As<T>());
            Assert.Equal(0, Npy.ReadHeader(path).DataOffset % 64);
        }
        Check(new[] { 1.5f, -2f, 3.25f, 0f, 1e-30f, float.MaxValue }, 2, 3);
        Check(new[] { 1.5, -2.0, Math.PI }, 3);
        Check(new[] { 1, -2, int.MaxValue, int.MinValue }, 2, 1, 2);
        Check(new[] { long.MaxValue, -1L }, 2);
        Check(new byte[] { 0, 255, 7 }, 3);
        Check(new[] { true, false, true, true }, 4);
        Check(new[] { 42.0f });          // shape (): a scalar
        Check(Array.Empty<long>(), 0, 5); // no elements
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Int32)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Byte)]
    [InlineData(ScalarType.Bool)]
    public void WriteThenReadTensor_KeepsDtypeShapeAndValues(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var source = (arange(24, ScalarType.Float64) * 3 % 7).reshape(2, 3, 4).to(dtype);
        using var tmp = new TempDir();
        string path = tmp.File("t.npy");
        Npy.Write(path, source.permute(2, 0, 1)); // a non-contiguous view is written in C order
        var back = Npy.ReadTensor(path);
        Assert.Equal(dtype, back.dtype);
        Assert.Equal(new long[] { 4, 2, 3 }, back.shape);
        Assert.True(back.eq(source.permute(2, 0, 1)).all().item<bool>());
        Assert.Equal(Npy.ReadHeader(path).Descr, NpyHeader.DescrOf(NpyHeader.ElementTypeOf(dtype)));
    }

    [Fact]
    public void ReadTensor_InSmallChunks_FillsEveryElement()
    {
        using var scope = NewDisposeScope();
        var data = Enumerable.Range(0, 1000).Select(i => (float)i).ToArray();
        var ms = new MemoryStream();
        Npy.Write(ms, data, 10, 100);
        ms.Position = 0;
        var t = Npy.ReadTensor(ms, "x.npy", chunkBytes: 28); // 7 floats per chunk, a ragged last chunk
        Assert.Equal(data, t.data<float>().ToArray());
    }

    [Fact]
    public void Read_FortranOrder_ReturnsCOrder()
    {
        // [[0,1,2],[3,4,5]] stored column-major: 0 3 1 4 2 5
        var bytes = NpyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", Floats(0, 3, 1, 4, 2, 5));
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, ReadBytes(bytes).As<float>());
        using var t = ReadTensorBytes(bytes);
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, t.data<float>().ToArray());
    }

    [Fact]
    public void Read_FortranOrder3D_MatchesTheColumnMajorFormula()
    {
        long[] shape = [2, 3, 4];
        var fortran = new float[24];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    fortran[i + 2 * j + 6 * k] = 100 * i + 10 * j + k;
        var bytes = NpyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3, 4), }", Floats(fortran));
        var expected = Enumerable.Range(0, 24).Select(n => (float)(100 * (n / 12) + 10 * (n / 4 % 3) + n % 4)).ToArray();
        Assert.Equal(expected, ReadBytes(bytes).As<float>());
        using var t = ReadTensorBytes(bytes);
        Assert.Equal(shape, t.shape);
        Assert.Equal(expected, t.data<float>().ToArray());
    }

    [Fact]
    public void Read_BigEndian_SwapsBytes()
    {
        var f = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(f, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(f.AsSpan(4), -2f);
        Assert.Equal(new[] { 1.5f, -2f }, ReadBytes(NpyBytes("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", f)).As<float>());
        var l = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(l, -5_000_000_000L);
        using var t = ReadTensorBytes(NpyBytes("{'descr': '>i8', 'fortran_order': False, 'shape': (1,), }", l));
        Assert.Equal(-5_000_000_000L, t.data<long>()[0]);
    }

    [Fact]
    public void Read_HeaderVersions2And3_AnyKeyOrder_Python2Longs()
    {
        var v2 = NpyBytes("{'shape': (2L, 1L), 'fortran_order': False, 'descr': '<i4'}", [1, 0, 0, 0, 2, 0, 0, 0], major: 2);
        var a = ReadBytes(v2);
        Assert.Equal(new long[] { 2, 1 }, a.Shape);
        Assert.Equal(new long[] { 1, 2 }, a.ToInt64());
        var v3 = NpyBytes("{ \"fortran_order\" : False , \"shape\":(1,),\"descr\":\"<f8\" , }", BitConverter.GetBytes(2.5), major: 3);
        Assert.Equal(new[] { 2.5 }, ReadBytes(v3).As<double>());
    }

    [Theory]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "object")]
    [InlineData("{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }", "structured")]
    [InlineData("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype")]
    [InlineData("{'descr': '<f4', 'shape': (1,), }", "fortran_order")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }", "True or False")]
    public void Read_RefusesUnsupportedHeaders(string dict, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(NpyBytes(dict, new byte[16])));
        Assert.Equal("x.npy", e.File);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Read_TruncatedDataOrMagic_Fails()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(NpyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", Floats(1, 2))));
        Assert.Equal("data", e.Field);
        Assert.Contains("12 bytes", e.Message);
        Assert.Throws<DataFormatException>(() => ReadTensorBytes(NpyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", Floats(1))));
        Assert.Equal("magic", Assert.Throws<DataFormatException>(() => ReadBytes("not numpy at all"u8.ToArray())).Field);
    }

    [Fact]
    public void HeaderBytes_MatchNumPyLayout_AndSwitchToVersion2WhenLong()
    {
        var h = Npy.HeaderBytes(NpyElementType.Float32, [40091, 3, 300, 25, 2]);
        Assert.Equal(0, h.Length % 64);
        Assert.Equal(1, h[6]);
        string text = Encoding.ASCII.GetString(h, 10, h.Length - 10);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (40091, 3, 300, 25, 2), }", text);
        Assert.EndsWith(" \n", text);
        Assert.Equal(h.Length - 10, BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(8)));
        Assert.Contains("(7,)", Encoding.ASCII.GetString(Npy.HeaderBytes(NpyElementType.Int64, [7])));
        Assert.Contains("'shape': ()", Encoding.ASCII.GetString(Npy.HeaderBytes(NpyElementType.Bool, [])));
        var big = Npy.HeaderBytes(NpyElementType.UInt8, Enumerable.Repeat(1L, 30000).ToArray());
        Assert.Equal(2, big[6]);
        Assert.Equal(0, big.Length % 64);
        Assert.Equal((uint)(big.Length - 12), BinaryPrimitives.ReadUInt32LittleEndian(big.AsSpan(8)));
    }
}
