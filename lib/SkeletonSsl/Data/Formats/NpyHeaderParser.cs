using System.Text;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Reads the preamble and header dict of a <c>.npy</c> stream (spec/data.md §6.1): magic, version
/// 1.0 / 2.0 / 3.0, then a Python dict literal with 'descr', 'fortran_order' and 'shape' in any order
/// (Python-2 <c>3L</c> integers allowed). Object and structured dtypes are refused.
/// </summary>
internal static class NpyHeaderParser
{
    /// <summary>NumPy's own limit on dimensions.</summary>
    public const int MaxRank = 64;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static NpyHeader Read(Stream stream, string file, long startOffset = 0)
    {
        Span<byte> pre = stackalloc byte[12];
        if (stream.ReadAtLeast(pre[..10], 10, throwOnEndOfStream: false) < 10)
            throw new DataFormatException(file, "truncated .npy: expected a 10-byte preamble", field: "magic");
        if (!pre[..6].SequenceEqual(Magic))
            throw new DataFormatException(file, "not a .npy file: expected the magic \\x93NUMPY", field: "magic");
        int major = pre[6], minor = pre[7];
        long headerLength;
        int preamble;
        switch (major)
        {
            case 1:
                headerLength = pre[8] | (pre[9] << 8);
                preamble = 10;
                break;
            case 2 or 3:
                if (stream.ReadAtLeast(pre[10..12], 2, throwOnEndOfStream: false) < 2)
                    throw new DataFormatException(file, "truncated .npy preamble", field: "header length");
                headerLength = BitConverter.ToUInt32(pre[8..12]);
                preamble = 12;
                break;
            default:
                throw new DataFormatException(file, $"unsupported .npy version {major}.{minor}; expected 1.0, 2.0 or 3.0", field: "version");
        }
        if (headerLength > 1 << 24) throw new DataFormatException(file, $"implausible .npy header length {headerLength}", field: "header length");
        var bytes = new byte[headerLength];
        if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            throw new DataFormatException(file, "truncated .npy header", field: "header");
        string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes);
        var header = ParseDict(text, file);
        return header with { DataOffset = startOffset + preamble + headerLength };
    }

    /// <summary>Parses the header dict text; <see cref="NpyHeader.DataOffset"/> is left 0.</summary>
    public static NpyHeader ParseDict(string text, string file)
    {
        var p = new Cursor(text, file);
        p.Expect('{');
        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        while (true)
        {
            p.SkipSpace();
            if (p.TryTake('}')) break;
            string key = p.ReadString("dict key");
            p.Expect(':');
            switch (key)
            {
                case "descr":
                    p.SkipSpace();
                    if (p.Peek is '[' or '{')
                        throw p.Error("structured dtypes (a list-valued descr) are not supported; save plain numeric arrays", "descr");
                    descr = p.ReadString("descr");
                    break;
                case "fortran_order":
                    fortran = p.ReadBool("fortran_order");
                    break;
                case "shape":
                    shape = p.ReadShape();
                    break;
                default:
                    p.SkipValue(key);
                    break;
            }
            p.SkipSpace();
            if (!p.TryTake(','))
            {
                p.Expect('}');
                break;
            }
        }
        if (descr is null) throw p.Error("the header has no 'descr' key", "descr");
        if (fortran is null) throw p.Error("the header has no 'fortran_order' key", "fortran_order");
        if (shape is null) throw p.Error("the header has no 'shape' key", "shape");
        var (type, bigEndian) = ParseDescr(descr, file);
        if (shape.Length > MaxRank) throw p.Error($"{shape.Length} dimensions: at most {MaxRank} are supported", "shape");
        // Checked: a hostile shape whose product wraps (e.g. to 0) would otherwise pass as a small array.
        try { _ = checked(shape.Aggregate(1L, (a, d) => checked(a * d)) * NpyHeader.ItemSizeOf(type)); }
        catch (OverflowException) { throw p.Error("the shape holds more bytes than a 64-bit size can count", "shape"); }
        return new NpyHeader(type, bigEndian, fortran.Value, shape, 0);
    }

    private static (NpyElementType, bool) ParseDescr(string descr, string file)
    {
        if (descr.Length < 2)
            throw new DataFormatException(file, $"unsupported dtype '{descr}'", field: "descr");
        char order = descr[0];
        string code = order is '<' or '>' or '|' or '=' ? descr[1..] : descr;
        bool big = order == '>';
        NpyElementType? type = code switch
        {
            "f4" => NpyElementType.Float32,
            "f8" => NpyElementType.Float64,
            "i4" => NpyElementType.Int32,
            "i8" => NpyElementType.Int64,
            "u1" => NpyElementType.UInt8,
            "b1" or "?" => NpyElementType.Bool,
            _ => null,
        };
        if (type is null)
        {
            string why = code.StartsWith('O') ? "object arrays (pickled Python objects) are refused"
                : code.StartsWith('V') ? "structured/void dtypes are not supported"
                : "expected one of <f4 <f8 <i4 <i8 |u1 |b1 (or big-endian >)";
            throw new DataFormatException(file, $"unsupported dtype '{descr}': {why}", field: "descr");
        }
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException(".npy reading assumes a little-endian machine");
        return (type.Value, big && NpyHeader.ItemSizeOf(type.Value) > 1);
    }

    private ref struct Cursor(string text, string file)
    {
        private int _i;

        public readonly char Peek => _i < text.Length ? text[_i] : '\0';

        public readonly DataFormatException Error(string problem, string field) =>
            new(file, $"{problem} (header: {Shown(text.Trim())})", field: field);

        // A header may be up to 16 MiB: quote the start only.
        private static string Shown(string header) => header.Length <= 200 ? header : header[..200] + "...";

        public void SkipSpace()
        {
            while (_i < text.Length && char.IsWhiteSpace(text[_i])) _i++;
        }

        public bool TryTake(char c)
        {
            SkipSpace();
            if (Peek != c) return false;
            _i++;
            return true;
        }

        public void Expect(char c)
        {
            if (!TryTake(c)) throw Error($"malformed header dict: expected '{c}' at character {_i}", "header");
        }

        public string ReadString(string field)
        {
            SkipSpace();
            char quote = Peek;
            if (quote is not ('\'' or '"')) throw Error($"expected a quoted string at character {_i}", field);
            int end = text.IndexOf(quote, _i + 1);
            if (end < 0) throw Error("unterminated string", field);
            string s = text[(_i + 1)..end];
            _i = end + 1;
            return s;
        }

        public bool ReadBool(string field)
        {
            SkipSpace();
            if (Follows("True")) { _i += 4; return true; }
            if (Follows("False")) { _i += 5; return false; }
            throw Error("expected True or False", field);
        }

        private readonly bool Follows(string word) => string.CompareOrdinal(text, _i, word, 0, word.Length) == 0;

        public long[] ReadShape()
        {
            Expect('(');
            var dims = new List<long>();
            while (true)
            {
                SkipSpace();
                if (TryTake(')')) break;
                int start = _i;
                while (_i < text.Length && char.IsAsciiDigit(text[_i])) _i++;
                if (_i == start || !long.TryParse(text.AsSpan(start, _i - start), out long d))
                    throw Error($"expected a non-negative integer dimension at character {start}", "shape");
                if (_i < text.Length && text[_i] is 'L' or 'l') _i++; // Python 2 long literal
                dims.Add(d);
                SkipSpace();
                if (!TryTake(','))
                {
                    Expect(')');
                    break;
                }
            }
            return dims.ToArray();
        }

        /// <summary>Skips the value of an unknown key (a string, a bool or a tuple).</summary>
        public void SkipValue(string key)
        {
            SkipSpace();
            if (Peek is '\'' or '"') { ReadString(key); return; }
            if (Peek == '(') { ReadShape(); return; }
            if (Follows("True") || Follows("False")) { ReadBool(key); return; }
            throw Error($"unexpected value for key '{key}'", key);
        }
    }
}
