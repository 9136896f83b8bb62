using System.IO.Compression;
using System.Text;
using SkeletonSsl.Data;
using SkeletonSsl.Training.Checkpoints;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Training.Checkpoints;

public sealed class PyTorchCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("torch-zip-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Protocol-2 opcodes, as torch.save writes them.</summary>
    private sealed class Pickle
    {
        private readonly MemoryStream _s = new();
        public Pickle Op(char c) { _s.WriteByte((byte)c); return this; }
        public Pickle Raw(params byte[] b) { _s.Write(b); return this; }
        public Pickle Global(string module, string name) => Op('c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        public Pickle Str(string s) { var b = Encoding.UTF8.GetBytes(s); return Op('X').Raw(BitConverter.GetBytes(b.Length)).Raw(b); }
        public Pickle Int(int v) => Op('J').Raw(BitConverter.GetBytes(v));
        public Pickle Tuple(params int[] items) { Op('('); foreach (var i in items) Int(i); return Op('t'); }
        public byte[] Bytes() => _s.ToArray();

        /// <summary>key → _rebuild_tensor_v2(persistent storage, offset, size, stride, False, OrderedDict()).</summary>
        public Pickle Tensor(string key, string storageType, string storageKey, int numel, int offset, int[] size, int[] stride)
        {
            Str(key).Global("torch._utils", "_rebuild_tensor_v2").Op('(');
            Op('(').Str("storage").Global("torch", storageType).Str(storageKey).Str("cpu").Int(numel).Op('t').Op('Q');
            Int(offset).Tuple(size).Tuple(stride).Raw(0x89); // NEWFALSE
            Global("collections", "OrderedDict").Op(')').Op('R'); // backward hooks
            return Op('t').Op('R').Op('s');
        }
    }

    private string WriteZip(string name, byte[] pickle, params (string Key, byte[] Data)[] storages)
    {
        string path = Path.Combine(_dir, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string entry, byte[] data)
        {
            using var s = zip.CreateEntry($"archive/{entry}", CompressionLevel.NoCompression).Open();
            s.Write(data);
        }
        Add("data.pkl", pickle);
        Add("byteorder", Encoding.ASCII.GetBytes("little"));
        foreach (var (key, data) in storages) Add($"data/{key}", data);
        Add("version", Encoding.ASCII.GetBytes("3\n"));
        return path;
    }

    private static byte[] Floats(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void A_hand_written_torch_save_zip_loads_with_views_offsets_and_int64()
    {
        var pickle = new Pickle().Raw(0x80, 2).Global("collections", "OrderedDict").Op(')').Op('R');
        // w: a 2×3 tensor; wt: its transpose, a view of the same storage; b: a slice at offset 2; n: an int64 scalar.
        pickle.Tensor("w", "FloatStorage", "0", 6, 0, [2, 3], [3, 1])
              .Tensor("wt", "FloatStorage", "0", 6, 0, [3, 2], [1, 3])
              .Tensor("b", "FloatStorage", "1", 4, 2, [2], [1])
              .Tensor("n", "LongStorage", "2", 1, 0, [], []);
        pickle.Op('.');
        string path = WriteZip("hand.pt", pickle.Bytes(),
            ("0", Floats(1, 2, 3, 4, 5, 6)), ("1", Floats(9, 8, 7, 6)), ("2", BitConverter.GetBytes(42L)));
        var sd = PyTorchCheckpoint.ReadStateDict(path);
        Assert.Equal(["w", "wt", "b", "n"], sd.Keys);
        Assert.Equal(new long[] { 2, 3 }, sd["w"].shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, sd["w"].data<float>().ToArray());
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, sd["wt"].contiguous().data<float>().ToArray());
        Assert.Equal(new float[] { 7, 6 }, sd["b"].data<float>().ToArray());
        Assert.Empty(sd["n"].shape);
        Assert.Equal(42L, sd["n"].item<long>());
        Assert.Equal(CheckpointFile.Format.PyTorchZip, CheckpointFile.Detect(path));
    }

    [Fact]
    public void A_pickle_that_calls_anything_else_is_refused_without_running_it()
    {
        var pickle = new Pickle().Raw(0x80, 2).Global("os", "system").Op('(').Str("echo hi").Op('t').Op('R').Op('.');
        string path = WriteZip("evil.pt", pickle.Bytes());
        var e = Assert.Throws<DataFormatException>(() => PyTorchCheckpoint.Load(path));
        Assert.Contains("os", e.Message);
        Assert.Contains("system", e.Message);
    }

    [Fact]
    public void A_missing_storage_record_is_refused_naming_it()
    {
        var pickle = new Pickle().Raw(0x80, 2).Global("collections", "OrderedDict").Op(')').Op('R')
            .Tensor("w", "FloatStorage", "7", 2, 0, [2], [1]).Op('.');
        string path = WriteZip("nostorage.pt", pickle.Bytes());
        var e = Assert.Throws<DataFormatException>(() => PyTorchCheckpoint.Load(path));
        Assert.Contains("data/7", e.Message);
    }
}
