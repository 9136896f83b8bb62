using System.IO.Compression;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Data.Formats;

public sealed class NpzTests
{
    [Fact]
    public void WriteThenRead_ListsKeysInOrderAndRoundTripsMembers()
    {
        using var scope = NewDisposeScope();
        using var tmp = new TempDir();
        string path = tmp.File("NTU60_CS.npz");
        var x = arange(2 * 4 * 6, ScalarType.Float32).reshape(2, 4, 6);
        var y = tensor(new double[] { 1, 0, 0, 1 }).reshape(2, 2);
        Npz.Write(path, new Dictionary<string, Tensor> { ["x_train"] = x, ["y_train"] = y });

        Assert.Equal(["x_train", "y_train"], Npz.Keys(path));
        var members = Npz.List(path);
        Assert.Equal("<f4", members[0].Header.Descr);
        Assert.Equal(new long[] { 2, 4, 6 }, members[0].Header.Shape);
        Assert.False(members[0].Compressed);
        Assert.Equal("<f8", members[1].Header.Descr);
        Assert.True(Npz.ReadTensor(path, "x_train").eq(x).all().item<bool>());
        Assert.Equal(new double[] { 1, 0, 0, 1 }, Npz.Read(path, "y_train").As<double>());

        using var zip = ZipFile.OpenRead(path);
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength)); // stored, like np.savez
    }

    [Fact]
    public void Read_DeflatedMembers_AsSavezCompressedWritesThem()
    {
        using var tmp = new TempDir();
        string path = tmp.File("c.npz");
        var npy = NpyTests.NpyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (64,), }",
            Enumerable.Range(0, 64).SelectMany(i => BitConverter.GetBytes((long)i % 3)).ToArray());
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var s = zip.CreateEntry("num_frame.npy", CompressionLevel.Optimal).Open())
            s.Write(npy);
        Assert.True(Assert.Single(Npz.List(path)).Compressed);
        Assert.Equal(Enumerable.Range(0, 64).Select(i => (long)i % 3), Npz.Read(path, "num_frame").ToInt64());
        using var t = Npz.ReadTensor(path, "num_frame");
        Assert.Equal(ScalarType.Int64, t.dtype);
    }

    [Fact]
    public void Read_MissingKeyOrNotAZip_IsADataFormatError()
    {
        using var tmp = new TempDir();
        string path = tmp.File("a.npz");
        Npz.Write(path, new Dictionary<string, NpyArray> { ["a"] = new(NpyElementType.Int32, [1], new[] { 5 }) });
        var e = Assert.Throws<DataFormatException>(() => Npz.Read(path, "b"));
        Assert.Contains("no member 'b'", e.Message);
        Assert.Contains("a", e.Message);
        string bad = tmp.File("bad.npz");
        File.WriteAllText(bad, "not a zip");
        Assert.Equal("zip", Assert.Throws<DataFormatException>(() => Npz.Keys(bad)).Field);
    }
}
