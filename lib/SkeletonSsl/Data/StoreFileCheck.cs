using System.Security.Cryptography;

namespace SkeletonSsl.Data;

/// <summary>
/// Verifies one file of a prepared store against its manifest while it is being read: the size first
/// (one stat, before any allocation), then the SHA-256 of the bytes as they stream past, so checking
/// costs no second read. A file that is missing from the manifest, or whose size or hash differs
/// from what was recorded at prepare time, is a <see cref="DataFormatException"/> naming it.
/// </summary>
internal sealed class StoreFileCheck : Stream
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly string _path;
    private readonly string _expectedSha;

    private StoreFileCheck(FileStream file, string path, string expectedSha)
    {
        _file = file;
        _path = path;
        _expectedSha = expectedSha;
    }

    /// <summary>Opens <paramref name="relative"/> (a manifest key such as <c>xsub/train_data.npy</c>) of the store in <paramref name="directory"/>.</summary>
    public static StoreFileCheck Open(string directory, string relative, PreparedManifest manifest)
    {
        string path = Path.Combine(directory, relative);
        if (!manifest.Files.TryGetValue(relative, out var sha))
            throw new DataFormatException(path, "the manifest records no hash for this file; re-prepare the store with 'data prepare'", field: "files");
        if (!File.Exists(path))
            throw new DataFormatException(path, "the manifest lists this file but it is missing; restore it or re-prepare the store", field: "files");
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        if (manifest.FileSizes?.TryGetValue(relative, out long size) == true && file.Length != size)
        {
            long actual = file.Length;
            file.Dispose();
            throw new DataFormatException(path,
                $"{actual} bytes, but the manifest recorded {size} at prepare time: the file was changed; restore it or re-prepare the store", field: "size");
        }
        return new StoreFileCheck(file, path, sha);
    }

    /// <summary>Hashes what the reader left unread and compares; call after a successful read.</summary>
    public void Verify()
    {
        var rest = new byte[1 << 16];
        while (Read(rest, 0, rest.Length) > 0) { }
        string actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (actual != _expectedSha)
            throw new DataFormatException(_path,
                "SHA-256 differs from the one the manifest recorded at prepare time: the file was changed; restore it or re-prepare the store", field: "sha256");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = _file.Read(buffer);
        _hash.AppendData(buffer[..n]);
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => true; // for Length and Position only: readers check sizes before allocating
    public override bool CanWrite => false;
    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => throw new NotSupportedException("a checked store file is read front to back");
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("a checked store file is read front to back");
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
