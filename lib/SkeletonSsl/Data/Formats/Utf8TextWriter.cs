using System.Globalization;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Buffered UTF-8 writer for the text skeleton formats: numbers formatted in the invariant culture
/// straight into a byte buffer (floats use the shortest text that reads back to the same float32).
/// </summary>
internal sealed class Utf8TextWriter(Stream stream, string newLine = "\n") : IDisposable
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly byte[] _newLine = System.Text.Encoding.ASCII.GetBytes(newLine);
    private int _length;

    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length) Flush();
        return _buffer.AsSpan(_length);
    }

    public void Write(float value)
    {
        if (!value.TryFormat(Reserve(32), out int written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("float did not fit the format buffer");
        _length += written;
    }

    public void Write(double value)
    {
        if (!value.TryFormat(Reserve(32), out int written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("double did not fit the format buffer");
        _length += written;
    }

    public void Write(long value)
    {
        value.TryFormat(Reserve(24), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Write(ulong value)
    {
        value.TryFormat(Reserve(24), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
    }


    public void Space() { Reserve(1)[0] = (byte)' '; _length++; }

    public void Separator(byte ascii) { Reserve(1)[0] = ascii; _length++; }

    public void NewLine()
    {
        _newLine.CopyTo(Reserve(_newLine.Length));
        _length += _newLine.Length;
    }

    public void Flush()
    {
        stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose() => Flush();
}
