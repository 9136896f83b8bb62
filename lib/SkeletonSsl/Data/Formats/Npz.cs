using System.IO.Compression;
using static TorchSharp.torch;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// NumPy <c>.npz</c> archives (spec/data.md §6.2): a ZIP of <c>&lt;key&gt;.npy</c> members, stored
/// (<c>np.savez</c>) or deflated (<c>np.savez_compressed</c>); ZIP64 for members over 4 GiB. Members are
/// streamed, never loaded into memory whole. The writer stores members uncompressed, like np.savez.
/// </summary>
public static class Npz
{
    /// <summary>The members in archive order, with their headers.</summary>
    public static IReadOnlyList<NpzMember> List(string path) => WithArchive(path, zip =>
    {
        var members = new List<NpzMember>();
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/')) continue;
            using var stream = entry.Open();
            var header = Npy.ReadHeader(stream, $"{path}:{entry.FullName}");
            members.Add(new NpzMember(KeyOf(entry), header, entry.CompressedLength < entry.Length));
        }
        return (IReadOnlyList<NpzMember>)members;
    });

    /// <summary>The keys in archive order, e.g. x_train, y_train, x_test, y_test.</summary>
    public static IReadOnlyList<string> Keys(string path) =>
        WithArchive(path, zip => (IReadOnlyList<string>)zip.Entries.Where(e => !e.FullName.EndsWith('/')).Select(KeyOf).ToList());

    /// <summary>Reads one member into a plain array.</summary>
    public static NpyArray Read(string path, string key) =>
        WithMember(path, key, (stream, name) => Npy.Read(stream, name));

    /// <summary>Reads one member into a CPU tensor of its stored element type, streaming into the tensor's memory.</summary>
    public static Tensor ReadTensor(string path, string key) =>
        WithMember(path, key, (stream, name) => Npy.ReadTensor(stream, name));

    /// <summary>Writes tensors as stored members <c>&lt;key&gt;.npy</c>, in the given order, atomically.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> arrays) =>
        WriteMembers(path, arrays.Select(kv => (kv.Key, (Action<Stream>)(s => Npy.Write(s, kv.Value)))));

    /// <summary>Writes plain arrays as stored members <c>&lt;key&gt;.npy</c>, in the given order, atomically.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays) =>
        WriteMembers(path, arrays.Select(kv => (kv.Key, (Action<Stream>)(s => Npy.Write(s, kv.Value)))));

    private static void WriteMembers(string path, IEnumerable<(string Key, Action<Stream> Write)> members)
    {
        AtomicFile.Write(path, file =>
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            var seen = new HashSet<string>();
            foreach (var (key, write) in members)
            {
                if (!seen.Add(key)) throw new ArgumentException($"duplicate .npz key '{key}'");
                var entry = zip.CreateEntry(key + ".npy", CompressionLevel.NoCompression);
                using var stream = entry.Open();
                write(stream);
            }
        });
    }

    private static string KeyOf(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;

    private static T WithMember<T>(string path, string key, Func<Stream, string, T> read) => WithArchive(path, zip =>
    {
        var entry = zip.GetEntry(key + ".npy") ?? zip.GetEntry(key)
            ?? throw new DataFormatException(path,
                $"no member '{key}'; the archive holds {string.Join(", ", zip.Entries.Select(KeyOf))}", field: key);
        using var stream = entry.Open();
        return read(stream, $"{path}:{entry.FullName}");
    });

    private static T WithArchive<T>(string path, Func<ZipArchive, T> body)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        ZipArchive zip;
        try { zip = new ZipArchive(file, ZipArchiveMode.Read); }
        catch (InvalidDataException e) { throw new DataFormatException(path, $"not a valid .npz (ZIP) archive: {e.Message}", field: "zip", inner: e); }
        using (zip)
        {
            try { return body(zip); }
            catch (InvalidDataException e) { throw new DataFormatException(path, $"corrupt .npz member: {e.Message}", field: "zip", inner: e); }
        }
    }
}
