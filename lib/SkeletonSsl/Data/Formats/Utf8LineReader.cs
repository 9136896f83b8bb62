namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Walks a UTF-8 text buffer line by line (LF or CRLF; blank lines skipped) and splits a line into
/// tokens on runs of spaces and tabs (optionally commas), tracking the 1-based line number for error messages.
/// </summary>
internal ref struct Utf8LineReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ReadOnlySpan<byte> _rest;

    private readonly bool _commas;

    /// <param name="commas">Also treat commas as separators (PKU-MMD label files, spec/data.md §5.3).</param>
    public Utf8LineReader(ReadOnlySpan<byte> data, string file, bool commas = false)
    {
        _commas = commas;
        // A UTF-8 byte-order mark is tolerated at the start.
        if (data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) data = data[3..];
        _data = data;
        File = file;
    }

    public string File { get; }

    /// <summary>Line number of the current line (1-based); after the end, one past the last line.</summary>
    public int Line { get; private set; }

    /// <summary>Moves to the next line that holds a token; false at the end of the data.</summary>
    public bool NextLine()
    {
        while (_position < _data.Length)
        {
            var remaining = _data[_position..];
            int eol = remaining.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line;
            if (eol < 0) { line = remaining; _position = _data.Length; }
            else { line = remaining[..eol]; _position += eol + 1; }
            Line++;
            int start = 0;
            while (start < line.Length && IsBlank(line[start])) start++;
            if (start == line.Length) continue;
            _rest = line[start..];
            return true;
        }
        Line++;
        _rest = default;
        return false;
    }

    /// <summary>Bytes after the current line: an upper bound on what the rest of the file can hold.</summary>
    public readonly int RemainingBytes => _data.Length - _position;

    /// <summary>True while the current line has tokens left.</summary>
    public readonly bool HasToken => !_rest.IsEmpty;

    /// <summary>The next token of the current line; empty when the line has none left.</summary>
    public ReadOnlySpan<byte> NextToken()
    {
        var rest = _rest;
        int end = 0;
        while (end < rest.Length && !IsBlank(rest[end])) end++;
        var token = rest[..end];
        int next = end;
        while (next < rest.Length && IsBlank(rest[next])) next++;
        _rest = rest[next..];
        return token;
    }

    /// <summary>Counts the tokens left on the current line without consuming them.</summary>
    public readonly int CountTokens()
    {
        int count = 0;
        var rest = _rest;
        int i = 0;
        while (i < rest.Length)
        {
            while (i < rest.Length && IsBlank(rest[i])) i++;
            if (i == rest.Length) break;
            count++;
            while (i < rest.Length && !IsBlank(rest[i])) i++;
        }
        return count;
    }

    // Separators: space, tab, and the CR of a CRLF line end (and any other ASCII control byte).
    private readonly bool IsBlank(byte b) => b <= (byte)' ' || (_commas && b == (byte)',');

    public DataFormatException Error(string problem, string field) => new(File, problem, Line, field);

    /// <summary>Parses the next token as float32 (hot path: no allocation unless it fails).</summary>
    public bool TryParseFloat(out float value, out ReadOnlySpan<byte> token)
    {
        // Fast path: parse in place and stop at the separator, so the token is scanned once.
        var rest = _rest;
        if (Utf8Text.TryParseDoublePrefix(rest, out double fast, out int consumed) && (consumed == rest.Length || IsBlank(rest[consumed])))
        {
            while (consumed < rest.Length && IsBlank(rest[consumed])) consumed++;
            _rest = rest[consumed..];
            value = (float)fast;
            token = default;
            return true;
        }
        token = NextToken();
        if (Utf8Text.TryParseDouble(token, out double v)) { value = (float)v; return true; }
        value = 0;
        return false;
    }

    /// <summary>The error for a token that <see cref="TryParseFloat"/> rejected.</summary>
    public DataFormatException FloatError(ReadOnlySpan<byte> token, string field) =>
        token.IsEmpty ? Error("expected a number, found the end of the line", field) : NotNumber(token, field);

    /// <summary>Requires the current line to have no tokens left.</summary>
    public readonly void ExpectLineEnd(int expected, string record)
    {
        if (!_rest.IsEmpty)
            throw new DataFormatException(File, $"expected {expected} values on this {record} line, found more", Line, record);
    }

    public float ParseFloat(string field)
    {
        var token = NextToken();
        if (token.IsEmpty) throw Error("expected a number, found the end of the line", field);
        if (!Utf8Text.TryParseDouble(token, out double v)) throw NotNumber(token, field);
        return (float)v;
    }

    public int ParseInt(string field)
    {
        var token = NextToken();
        if (token.IsEmpty) throw Error("expected an integer, found the end of the line", field);
        if (!Utf8Text.TryParseInt32(token, out int v)) throw Error($"expected an integer, found '{Show(token)}'", field);
        return v;
    }

    public ulong ParseUInt64(string field)
    {
        var token = NextToken();
        if (token.IsEmpty) throw Error("expected an unsigned 64-bit integer, found the end of the line", field);
        if (!Utf8Text.TryParseUInt64(token, out ulong v)) throw Error($"expected an unsigned 64-bit integer, found '{Show(token)}'", field);
        return v;
    }

    /// <summary>Requires the current line to hold exactly <paramref name="expected"/> tokens.</summary>
    public readonly void ExpectTokens(int expected, string record)
    {
        int count = CountTokens();
        if (count != expected)
            throw new DataFormatException(File, $"expected {expected} values on this {record} line, found {count}", Line, record);
    }

    private DataFormatException NotNumber(ReadOnlySpan<byte> token, string field) =>
        Error($"expected a number, found '{Show(token)}'", field);

    private static string Show(ReadOnlySpan<byte> token)
    {
        string s = System.Text.Encoding.UTF8.GetString(token.Length > 40 ? token[..40] : token);
        return token.Length > 40 ? s + "..." : s;
    }
}
