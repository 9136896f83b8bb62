using System.Buffers.Binary;
using System.Text;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Allowlist handlers for pickled NumPy scalars (spec/data.md §6.3; CMD/PCM3 PKU label files hold
/// <c>np.float64</c> labels). A scalar pickles as
/// <c>numpy.core.multiarray.scalar(numpy.dtype('f8', False, True) + BUILD state, raw bytes)</c>;
/// NumPy 2 names the module <c>numpy._core.multiarray</c>; under protocol 2 the raw bytes arrive as
/// <c>_codecs.encode(text, 'latin1')</c>. Only these narrow patterns are decoded: f8/f4 to double,
/// i8/i4/u1/b1 to long or bool; nothing else.
/// </summary>
internal static class NumpyScalarGlobals
{
    public static IEnumerable<PickleGlobal> All()
    {
        yield return PickleGlobal.Function("numpy.core.multiarray", "scalar", call: Scalar);
        yield return PickleGlobal.Function("numpy._core.multiarray", "scalar", call: Scalar);
        yield return PickleGlobal.Function("numpy", "dtype", call: DType, build: BuildDType);
        yield return PickleGlobal.Function("_codecs", "encode", call: Encode);
    }

    /// <summary>A NumPy dtype as its reduce gives it: the type code and, after BUILD, the byte order.</summary>
    internal sealed class NumpyDType(string code)
    {
        public string Code { get; } = code;
        public char ByteOrder { get; set; } = '<';
        public override string ToString() => $"{ByteOrder}{Code}";
    }

    private static object? DType(object?[] args)
    {
        if (args.Length < 1 || args[0] is not string code) throw new ArgumentException("numpy.dtype expects a type code string");
        return code is "f8" or "f4" or "i8" or "i4" or "u1" or "b1"
            ? new NumpyDType(code)
            : throw new ArgumentException($"numpy.dtype('{code}') is not supported; only f8 f4 i8 i4 u1 b1 scalars");
    }

    private static object? BuildDType(object target, object? state)
    {
        var dtype = (NumpyDType)target;
        // State (version, byteorder, subarray, names, fields, elsize, alignment, flags): only the byte order matters here.
        if (state is object?[] { Length: >= 2 } s && s[1] is string { Length: 1 } order) dtype.ByteOrder = order[0];
        else throw new ArgumentException("numpy.dtype state must be a tuple with the byte order second");
        if (s.Length >= 4 && s[3] is not null) throw new ArgumentException("structured numpy dtypes are not supported");
        return dtype;
    }

    private static object? Encode(object?[] args) =>
        args is [string text, string encoding] && encoding.Replace("-", "").Equals("latin1", StringComparison.OrdinalIgnoreCase)
            ? Encoding.Latin1.GetBytes(text)
            : throw new ArgumentException("_codecs.encode is only supported as (str, 'latin1'), the form protocol 2 uses for bytes");

    private static object? Scalar(object?[] args)
    {
        if (args is not [NumpyDType dtype, var raw]) throw new ArgumentException("scalar expects (dtype, bytes)");
        byte[] bytes = raw switch
        {
            byte[] b => b,
            string s => Encoding.Latin1.GetBytes(s), // Python 2 str
            _ => throw new ArgumentException("scalar expects raw bytes as its second argument"),
        };
        bool big = dtype.ByteOrder == '>';
        int size = dtype.Code[1] - '0';
        if (bytes.Length != size) throw new ArgumentException($"a {dtype} scalar needs {size} bytes, got {bytes.Length}");
        ReadOnlySpan<byte> b8 = bytes;
        return dtype.Code switch
        {
            "f8" => big ? BinaryPrimitives.ReadDoubleBigEndian(b8) : BinaryPrimitives.ReadDoubleLittleEndian(b8),
            "f4" => (double)(big ? BinaryPrimitives.ReadSingleBigEndian(b8) : BinaryPrimitives.ReadSingleLittleEndian(b8)),
            "i8" => big ? BinaryPrimitives.ReadInt64BigEndian(b8) : BinaryPrimitives.ReadInt64LittleEndian(b8),
            "i4" => (long)(big ? BinaryPrimitives.ReadInt32BigEndian(b8) : BinaryPrimitives.ReadInt32LittleEndian(b8)),
            "u1" => (long)bytes[0],
            _ => bytes[0] != 0,
        };
    }
}
