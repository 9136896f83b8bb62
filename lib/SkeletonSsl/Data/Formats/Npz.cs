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
    public static IReadOnlyList<NpzMember> List(string path) => WithArchive(path, (zip, fileLength) =>
    {
        var members = new List<NpzMember>();
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/')) continue;
            CheckDeclaredLength(entry, path, fileLength);
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
        WithMember(path, key, (stream, name, length) => Npy.Read(stream, name, length));

    /// <summary>Reads one member into a CPU tensor of its stored element type, streaming into the tensor's memory.</summary>
    public static Tensor ReadTensor(string path, string key) =>
        WithMember(path, key, (stream, name, length) => Npy.ReadTensor(stream, name, 1L << 30, length));

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

    private static T WithMember<T>(string path, string key, Func<Stream, string, long, T> read) => WithArchive(path, (zip, fileLength) =>
    {
        var entry = zip.GetEntry(key + ".npy") ?? zip.GetEntry(key)
            ?? throw new DataFormatException(path,
                $"no member '{key}'; the archive holds {string.Join(", ", zip.Entries.Select(KeyOf))}", field: key);
        CheckDeclaredLength(entry, path, fileLength);
        using var stream = entry.Open();
        return read(stream, $"{path}:{entry.FullName}", entry.Length);
    });

    /// <summary>
    /// A member's declared size bounds what the reader allocates, so it must itself be bounded by the
    /// file: no more than the file for a stored member, no more than deflate can expand to (about 1032:1).
    /// </summary>
    private static void CheckDeclaredLength(ZipArchiveEntry entry, string path, long fileLength)
    {
        if (entry.CompressedLength > fileLength || entry.Length < 0 || entry.Length > entry.CompressedLength * 1032 + 64)
            throw new DataFormatException(path,
                $"member '{entry.FullName}' declares {entry.Length} bytes ({entry.CompressedLength} compressed) in a file of {fileLength} bytes",
                field: entry.FullName);
    }

    private static T WithArchive<T>(string path, Func<ZipArchive, T> body) => WithArchive(path, (zip, _) => body(zip));

    private static T WithArchive<T>(string path, Func<ZipArchive, long, T> body)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        ZipArchive zip;
        try { zip = new ZipArchive(file, ZipArchiveMode.Read); }
        catch (Exception e) when (e is InvalidDataException or IOException)
        { throw new DataFormatException(path, $"not a valid .npz (ZIP) archive: {e.Message}", field: "zip", inner: e); }
        using (zip)
        {
            // Members are decompressed lazily, so a damaged archive can fail at any read.
            try { return body(zip, file.Length); }
            catch (Exception e) when (e is InvalidDataException or IOException and not FileNotFoundException)
            { throw new DataFormatException(path, $"corrupt .npz member: {e.Message}", field: "zip", inner: e); }
        }
    }
}
