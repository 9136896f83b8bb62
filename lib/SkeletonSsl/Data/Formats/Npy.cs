using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using static TorchSharp.torch;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// NumPy <c>.npy</c> files (spec/data.md §6.1). Reads '&lt;f4' '&lt;f8' '&lt;i4' '&lt;i8' '|u1' '|b1' and
/// their big-endian forms, C or Fortran order, header versions 1.0-3.0; object and structured arrays
/// are refused. Writes version 1.0 (2.0 when the header needs more than 65535 bytes), C order,
/// little-endian, data 64-byte aligned so files can be memory-mapped.
/// Tensors are read by streaming straight into the tensor's own memory, so a multi-GB file is not
/// copied twice.
/// </summary>
public static class Npy
{
    private const int Alignment = 64;
    private const long DefaultChunkBytes = 1L << 30;

    /// <summary>Reads only the header of a file.</summary>
    public static NpyHeader ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>Reads the header at the stream's position; the stream is left at the first data byte.</summary>
    public static NpyHeader ReadHeader(Stream stream, string file) =>
        NpyHeaderParser.Read(stream, file, stream.CanSeek ? stream.Position : 0);

    /// <summary>Reads a file into a plain array (C order, machine byte order).</summary>
    public static NpyArray Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads one array from a stream; <paramref name="file"/> names it in errors.</summary>
    public static NpyArray Read(Stream stream, string file) => Read(stream, file, null);

    /// <param name="stream">The stream, at the array's first byte.</param>
    /// <param name="file">Names the input in errors.</param>
    /// <param name="available">How many bytes the stream holds from its position (a zip member's declared
    /// size); null asks a seekable stream for its length.</param>
    internal static NpyArray Read(Stream stream, string file, long? available)
    {
        long headerStart = stream.CanSeek ? stream.Position : 0;
        var header = ReadHeader(stream, file);
        CheckAvailable(stream, header, file, available, headerStart);
        if (header.Count > Array.MaxLength)
            throw new DataFormatException(file, $"{header.Count} elements do not fit a .NET array; use ReadTensor", field: "shape");
        return header.ElementType switch
        {
            NpyElementType.Float32 => ReadArray<float>(stream, header, file),
            NpyElementType.Float64 => ReadArray<double>(stream, header, file),
            NpyElementType.Int32 => ReadArray<int>(stream, header, file),
            NpyElementType.Int64 => ReadArray<long>(stream, header, file),
            NpyElementType.UInt8 => ReadArray<byte>(stream, header, file),
            _ => ReadArray<bool>(stream, header, file),
        };
    }

    private static NpyArray ReadArray<T>(Stream stream, NpyHeader header, string file) where T : unmanaged
    {
        var data = new T[header.Count];
        var bytes = MemoryMarshal.AsBytes(data.AsSpan());
        ReadData(stream, bytes, header, file, 0);
        if (header.FortranOrder) data = FortranToC(data, header.Shape);
        return new NpyArray(header.ElementType, header.Shape, data);
    }

    /// <summary>Reads a file into a CPU tensor of the stored element type and shape (C order).</summary>
    public static Tensor ReadTensor(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return ReadTensor(stream, path);
    }

    /// <summary>Reads one array from a stream into a CPU tensor of the stored element type and shape.</summary>
    public static Tensor ReadTensor(Stream stream, string file) => ReadTensor(stream, file, DefaultChunkBytes);

    internal static Tensor ReadTensor(Stream stream, string file, long chunkBytes, long? available = null)
    {
        long headerStart = stream.CanSeek ? stream.Position : 0;
        var header = ReadHeader(stream, file);
        CheckAvailable(stream, header, file, available, headerStart);
        // Fortran order: the bytes are the C-order layout of the reversed shape; read that, then permute.
        long[] memoryShape = header.FortranOrder ? header.Shape.Reverse().ToArray() : header.Shape;
        var tensor = empty(memoryShape, header.ScalarType);
        try
        {
            if (header.Count > 0)
            {
                using var flat = tensor.view(-1);
                long perChunk = Math.Max(1, chunkBytes / header.ItemSize);
                for (long start = 0; start < header.Count; start += perChunk)
                {
                    long n = Math.Min(perChunk, header.Count - start);
                    using var slice = flat.narrow(0, start, n);
                    ReadData(stream, slice.bytes, header, file, start * header.ItemSize);
                }
            }
            if (!header.FortranOrder || header.Shape.Length < 2) return tensor;
            long[] reverse = Enumerable.Range(0, header.Shape.Length).Reverse().Select(i => (long)i).ToArray();
            using var permuted = tensor.permute(reverse);
            var c = permuted.contiguous();
            tensor.Dispose();
            return c;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses a header that promises more data than the input holds before anything is allocated:
    /// a few hostile header bytes must not reserve gigabytes.
    /// </summary>
    private static void CheckAvailable(Stream stream, NpyHeader header, string file, long? available, long start)
    {
        long? left = available is { } a ? a - (header.DataOffset - start)
            : stream.CanSeek ? stream.Length - stream.Position : null;
        if (left is { } l && header.DataBytes > l)
            throw new DataFormatException(file,
                $"truncated .npy data: shape {header.ShapeText} of {header.Descr} needs {header.DataBytes} bytes, the file holds {Math.Max(0, l)}",
                field: "data");
    }

    private static void ReadData(Stream stream, Span<byte> destination, NpyHeader header, string file, long offset)
    {
        int got = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (got < destination.Length)
            throw new DataFormatException(file,
                $"truncated .npy data: shape {header.ShapeText} of {header.Descr} needs {header.DataBytes} bytes, the file holds {offset + got}",
                field: "data");
        if (header.BigEndian) SwapBytes(destination, header.ItemSize);
    }

    private static void SwapBytes(Span<byte> data, int itemSize)
    {
        if (itemSize == 4)
        {
            var words = MemoryMarshal.Cast<byte, uint>(data);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        else if (itemSize == 8)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(data);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    /// <summary>Reorders column-major data of <paramref name="shape"/> into row-major order.</summary>
    private static T[] FortranToC<T>(T[] source, long[] shape)
    {
        int rank = shape.Length;
        if (rank < 2 || source.Length == 0) return source;
        var fortranStride = new long[rank];
        fortranStride[0] = 1;
        for (int k = 1; k < rank; k++) fortranStride[k] = fortranStride[k - 1] * shape[k - 1];
        var result = new T[source.Length];
        var index = new long[rank];
        long from = 0;
        for (long i = 0; i < result.LongLength; i++)
        {
            result[i] = source[from];
            for (int k = rank - 1; k >= 0; k--) // C-order odometer: last index fastest
            {
                index[k]++;
                from += fortranStride[k];
                if (index[k] < shape[k]) break;
                from -= index[k] * fortranStride[k];
                index[k] = 0;
            }
        }
        return result;
    }

    /// <summary>Writes a tensor (any device, any layout) as C-order little-endian data, atomically.</summary>
    public static void Write(string path, Tensor tensor) => AtomicFile.Write(path, s => Write(s, tensor));

    /// <summary>Writes a tensor to an open stream.</summary>
    public static void Write(Stream stream, Tensor tensor)
    {
        var type = NpyHeader.ElementTypeOf(tensor.dtype);
        using var scope = NewDisposeScope();
        var c = tensor.cpu().contiguous();
        WriteHeader(stream, type, c.shape);
        long count = c.numel();
        if (count == 0) return;
        int itemSize = NpyHeader.ItemSizeOf(type);
        var flat = c.view(-1);
        long perChunk = DefaultChunkBytes / itemSize;
        for (long start = 0; start < count; start += perChunk)
            stream.Write(flat.narrow(0, start, Math.Min(perChunk, count - start)).bytes);
    }

    /// <summary>Writes a plain array with the given shape (C order), atomically.</summary>
    public static void Write<T>(string path, T[] data, params long[] shape) where T : unmanaged =>
        AtomicFile.Write(path, s => Write(s, data, shape));

    /// <summary>Writes a plain array with the given shape (C order) to an open stream.</summary>
    public static void Write<T>(Stream stream, T[] data, params long[] shape) where T : unmanaged
    {
        var type = NpyHeader.ElementTypeOf(typeof(T));
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (shape.Any(d => d < 0) || count != data.LongLength)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {count} elements but the array has {data.LongLength}", nameof(shape));
        WriteHeader(stream, type, shape);
        stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
    }

    /// <summary>Writes an <see cref="NpyArray"/> atomically.</summary>
    public static void Write(string path, NpyArray array) => AtomicFile.Write(path, s => Write(s, array));

    /// <summary>Writes an <see cref="NpyArray"/> to an open stream.</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        switch (array.Data)
        {
            case float[] a: Write(stream, a, array.Shape); break;
            case double[] a: Write(stream, a, array.Shape); break;
            case int[] a: Write(stream, a, array.Shape); break;
            case long[] a: Write(stream, a, array.Shape); break;
            case byte[] a: Write(stream, a, array.Shape); break;
            case bool[] a: Write(stream, a, array.Shape); break;
            default: throw new ArgumentException($"unsupported array type {array.Data.GetType().Name}", nameof(array));
        }
    }

    /// <summary>The header bytes NumPy's <c>write_array_header</c> would produce (dict, space padding, '\n').</summary>
    internal static byte[] HeaderBytes(NpyElementType type, ReadOnlySpan<long> shape)
    {
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape.ToArray())})";
        string dict = $"{{'descr': '{NpyHeader.DescrOf(type)}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int major = 1, preamble = 10;
        int total = Pad(preamble + dict.Length + 1);
        if (total - preamble > ushort.MaxValue) { major = 2; preamble = 12; total = Pad(preamble + dict.Length + 1); }
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        int headerLength = total - preamble;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(preamble));
        bytes.AsSpan(preamble + dict.Length, total - preamble - dict.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;

        static int Pad(int n) => (n + Alignment - 1) / Alignment * Alignment;
    }

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static void WriteHeader(Stream stream, NpyElementType type, ReadOnlySpan<long> shape) =>
        stream.Write(HeaderBytes(type, shape));
}
