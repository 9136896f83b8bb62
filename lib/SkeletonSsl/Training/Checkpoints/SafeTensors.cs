using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkeletonSsl.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Training.Checkpoints;

/// <summary>
/// The safetensors format (Hugging Face): an 8-byte little-endian header length, a UTF-8 JSON
/// header mapping each tensor name to {dtype, shape, data_offsets: [begin, end)} (offsets relative
/// to the data section) plus an optional "__metadata__" string map, then the raw little-endian
/// tensor bytes. Reading checks every field and refuses overlapping, out-of-range or unindexed
/// bytes; writing is atomic. Tensors are read to the CPU.
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100L << 20; // the reference implementation's limit
    private const int MaxRank = 64;
    private const long ChunkBytes = 1L << 26;

    private static readonly Dictionary<string, ScalarType> DTypes = new()
    {
        ["F64"] = ScalarType.Float64, ["F32"] = ScalarType.Float32, ["F16"] = ScalarType.Float16,
        ["BF16"] = ScalarType.BFloat16, ["I64"] = ScalarType.Int64, ["I32"] = ScalarType.Int32,
        ["I16"] = ScalarType.Int16, ["I8"] = ScalarType.Int8, ["U8"] = ScalarType.Byte, ["BOOL"] = ScalarType.Bool,
    };

    /// <summary>The safetensors dtype string of a TorchSharp element type.</summary>
    public static string DTypeName(ScalarType type) =>
        DTypes.FirstOrDefault(kv => kv.Value == type).Key
        ?? throw new ArgumentException($"safetensors has no dtype for {type}");

    /// <summary>Writes a module's state dict (parameters and buffers, names as keys).</summary>
    public static void Save(nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        Write(path, module.state_dict(), metadata);

    /// <summary>Writes named tensors (any device; written in the given order) atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors writing needs a little-endian host");
        var entries = tensors.ToList();
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata) meta[k] = v;
            header[MetadataKey] = meta;
        }
        long offset = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, t) in entries)
        {
            if (name == MetadataKey || !seen.Add(name)) throw new ArgumentException($"tensor name '{name}' is reserved or repeated");
            long size = t.numel() * t.ElementSize;
            header[name] = new JsonObject
            {
                ["dtype"] = DTypeName(t.dtype),
                ["shape"] = new JsonArray(t.shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
                ["data_offsets"] = new JsonArray(JsonValue.Create(offset), JsonValue.Create(offset + size)),
            };
            offset += size;
        }
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8; // the data section starts 8-byte aligned; pad with spaces
        string tmp = $"{path}.tmp-{Environment.ProcessId}";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> len = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
                stream.Write(len);
                stream.Write(json);
                for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
                foreach (var (_, t) in entries)
                {
                    using var cpu = t.detach().cpu().contiguous();
                    if (cpu.numel() > 0) stream.Write(cpu.bytes);
                }
            }
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Reads every tensor of a safetensors file, in header order, plus its metadata.</summary>
    /// <exception cref="DataFormatException">The file does not follow the format; the message names the field.</exception>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such safetensors file", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        long fileLength = stream.Length;
        Span<byte> len = stackalloc byte[8];
        if (stream.ReadAtLeast(len, 8, throwOnEndOfStream: false) < 8)
            throw new DataFormatException(path, "shorter than the 8-byte header length of a safetensors file");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(len);
        if (headerLength > (ulong)MaxHeaderBytes || (long)headerLength > fileLength - 8)
            throw new DataFormatException(path, $"header length {headerLength} exceeds the file ({fileLength} bytes) or the 100 MiB limit: not a safetensors file", field: "header length");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        long dataStart = 8 + (long)headerLength, dataLength = fileLength - dataStart;

        // Checked before parsing so the message can give the byte offset of the first bad sequence.
        if (!System.Text.Unicode.Utf8.IsValid(headerBytes))
        {
            System.Text.Unicode.Utf8.ToUtf16(headerBytes, new char[headerBytes.Length], out int valid, out _, replaceInvalidSequences: false);
            throw new DataFormatException(path, $"header is not valid UTF-8 at byte {8 + valid}: expected UTF-8 JSON", field: "header");
        }
        JsonDocument document;
        try { document = JsonDocument.Parse(headerBytes, new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"header is not valid JSON ({e.Message})", field: "header", inner: e);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var specs = new List<(string Name, ScalarType Type, long[] Shape, long Begin, long End)>();
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(path, "header is not a JSON object", field: "header");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                string name = property.Name;
                // JSON allows a repeated key and parsers disagree on which one wins: refuse it.
                if (!names.Add(name)) throw new DataFormatException(path, "the header names this tensor twice", field: name);
                if (name == MetadataKey)
                {
                    if (property.Value.ValueKind != JsonValueKind.Object) throw new DataFormatException(path, "expected a string map", field: MetadataKey);
                    foreach (var entry in property.Value.EnumerateObject())
                    {
                        if (entry.Value.ValueKind != JsonValueKind.String)
                            throw new DataFormatException(path, $"metadata value of '{entry.Name}' is not a string", field: MetadataKey);
                        if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                            throw new DataFormatException(path, $"metadata key '{entry.Name}' appears twice", field: MetadataKey);
                    }
                    continue;
                }
                specs.Add(ParseEntry(path, name, property.Value));
            }
        }

        // Offsets must tile the data section exactly: no overlap, no gap, nothing past the end.
        long cursor = 0;
        foreach (var s in specs.OrderBy(s => s.Begin).ThenBy(s => s.End))
        {
            if (s.Begin != cursor)
                throw new DataFormatException(path, s.Begin < cursor
                    ? $"data_offsets [{s.Begin}, {s.End}) overlap the previous tensor"
                    : $"bytes [{cursor}, {s.Begin}) of the data section belong to no tensor", field: s.Name);
            cursor = s.End;
        }
        if (cursor != dataLength)
            throw new DataFormatException(path, $"the header indexes {cursor} data bytes but the file holds {dataLength}", field: "data_offsets");

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            byte[] buffer = [];
            foreach (var s in specs)
            {
                var t = empty(s.Shape, s.Type);
                tensors.Add(s.Name, t);
                long size = s.End - s.Begin;
                if (size == 0) continue;
                // In chunks through a flat view: a tensor may exceed what one .NET array holds.
                using var flat = t.view(-1);
                int itemSize = ElementSize(s.Type);
                long perChunk = Math.Max(1, ChunkBytes / itemSize), count = size / itemSize;
                stream.Seek(dataStart + s.Begin, SeekOrigin.Begin);
                for (long start = 0; start < count; start += perChunk)
                {
                    long n = Math.Min(perChunk, count - start);
                    int bytes = (int)(n * itemSize);
                    if (buffer.Length < bytes) buffer = new byte[bytes];
                    stream.ReadExactly(buffer, 0, bytes);
                    using var slice = flat.narrow(0, start, n);
                    slice.bytes = buffer.AsSpan(0, bytes);
                }
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return (tensors, metadata);
    }

    private static (string, ScalarType, long[], long, long) ParseEntry(string path, string name, JsonElement o)
    {
        if (o.ValueKind != JsonValueKind.Object) throw new DataFormatException(path, "expected an object {dtype, shape, data_offsets}", field: name);
        string dtype = o.TryGetProperty("dtype", out var dv) && dv.ValueKind == JsonValueKind.String ? dv.GetString()!
            : throw new DataFormatException(path, "missing string 'dtype'", field: name);
        if (!DTypes.TryGetValue(dtype, out var type))
            throw new DataFormatException(path, $"dtype '{dtype}' is not supported: expected one of {string.Join(", ", DTypes.Keys)}", field: name);
        long[] shape = ReadLongs(path, name, o, "shape");
        long[] offsets = ReadLongs(path, name, o, "data_offsets");
        if (offsets.Length != 2 || offsets[0] > offsets[1])
            throw new DataFormatException(path, "data_offsets must be [begin, end] with begin <= end", field: name);
        if (shape.Length > MaxRank) throw new DataFormatException(path, $"{shape.Length} dimensions: at most {MaxRank} are supported", field: name);
        long expected;
        try { expected = checked(shape.Aggregate(1L, (a, d) => checked(a * d)) * ElementSize(type)); }
        catch (OverflowException)
        { throw new DataFormatException(path, $"{dtype}{FormatShape(shape)} holds more bytes than a 64-bit size can count", field: name); }
        if (offsets[1] - offsets[0] != expected)
            throw new DataFormatException(path, $"{dtype}{FormatShape(shape)} needs {expected} bytes but data_offsets span {offsets[1] - offsets[0]}", field: name);
        return (name, type, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadLongs(string path, string name, JsonElement entry, string field)
    {
        if (!entry.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new DataFormatException(path, $"missing integer array '{field}'", field: name);
        var result = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
            result[i++] = item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out long l) && l >= 0 ? l
                : throw new DataFormatException(path, $"'{field}' must hold non-negative integers", field: name);
        return result;
    }

    internal static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new ArgumentException($"unsupported element type {type}"),
    };

    internal static string FormatShape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
