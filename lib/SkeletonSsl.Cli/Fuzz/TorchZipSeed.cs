using System.IO.Compression;
using System.Text;

namespace SkeletonSsl.Cli.Fuzz;

/// <summary>
/// A small torch.save zip built by hand, as PyTorch writes it (protocol 2, <c>archive/data.pkl</c>,
/// <c>archive/data/&lt;key&gt;</c>, byteorder, version): an OrderedDict state dict with a 2×3 float
/// tensor, its transpose (a view of the same storage, so the pickle's memo is used), an int64 scalar and
/// a plain list and dict beside them.
/// </summary>
internal static class TorchZipSeed
{
    public static byte[] Build(bool deflate)
    {
        var p = new MemoryStream();
        void Op(params byte[] b) => p.Write(b);
        void Str(string s) { var b = Encoding.UTF8.GetBytes(s); Op((byte)'X'); p.Write(BitConverter.GetBytes(b.Length)); p.Write(b); }
        void Int(int v) { Op((byte)'J'); p.Write(BitConverter.GetBytes(v)); }
        void Global(string module, string name) { Op((byte)'c'); p.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n")); }
        void Ints(params int[] v) { Op((byte)'('); foreach (int i in v) Int(i); Op((byte)'t'); }
        // key → _rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict()); memo slot 1 holds storage "0".
        void Tensor(string key, string type, string storage, int numel, int[] size, int[] stride, bool reuseStorage0)
        {
            Str(key);
            Global("torch._utils", "_rebuild_tensor_v2");
            Op((byte)'(');
            if (reuseStorage0) Op((byte)'h', 1); // BINGET: the same storage object again
            else
            {
                Op((byte)'(');
                Str("storage"); Global("torch", type); Str(storage); Str("cpu"); Int(numel);
                Op((byte)'t', (byte)'Q');
                if (storage == "0") Op((byte)'q', 1); // BINPUT
            }
            Int(0); Ints(size); Ints(stride); Op(0x89);
            Global("collections", "OrderedDict"); Op((byte)')', (byte)'R');
            Op((byte)'t', (byte)'R', (byte)'s');
        }

        Op(0x80, 2);
        Global("collections", "OrderedDict"); Op((byte)')', (byte)'R');
        Tensor("w", "FloatStorage", "0", 6, [2, 3], [3, 1], reuseStorage0: false);
        Tensor("wt", "FloatStorage", "0", 6, [3, 2], [1, 3], reuseStorage0: true);
        Tensor("n", "LongStorage", "1", 1, [], [], reuseStorage0: false);
        Str("meta"); Op((byte)']', (byte)'('); Int(1); Str("two"); Op((byte)'G'); p.Write(BitConverter.GetBytes(1.5).Reverse().ToArray()); Op((byte)'e', (byte)'s');
        Str("cfg"); Op((byte)'}'); Str("lr"); Int(3); Op((byte)'s', (byte)'s');
        Op((byte)'.');

        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] data)
            {
                var entry = zip.CreateEntry($"archive/{name}", deflate ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                entry.LastWriteTime = FuzzTargets.SeedTime; // the same bytes on every run
                using var s = entry.Open();
                s.Write(data);
            }
            Add("data.pkl", p.ToArray());
            Add("byteorder", "little"u8.ToArray());
            Add("data/0", Enumerable.Range(1, 6).SelectMany(i => BitConverter.GetBytes((float)i)).ToArray());
            Add("data/1", BitConverter.GetBytes(42L));
            Add("version", "3\n"u8.ToArray());
        }
        return ms.ToArray();
    }
}
