using System.Buffers.Binary;
using System.Text;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Emits protocol-2 pickle opcodes for plain data (spec/data.md §6.3 "Kit writer"): lists as
/// EMPTY_LIST + MARK/APPENDS in batches of 1000 (APPEND for a single item, as CPython does), str as
/// BINUNICODE, ints as BININT1/BININT2/BININT/LONG1, floats as BINFLOAT, tuples as TUPLE1-3/TUPLE.
/// No memo opcodes: a reader does not need them.
/// </summary>
internal sealed class PickleWriter(Stream stream)
{
    private const int BatchSize = 1000;

    public void Proto2() => stream.Write([0x80, 2]);

    public void Stop() => stream.WriteByte((byte)'.');

    public void Value(object? value)
    {
        switch (value)
        {
            case null: stream.WriteByte((byte)'N'); break;
            case bool b: stream.WriteByte(b ? (byte)0x88 : (byte)0x89); break;
            case int i: Int(i); break;
            case long l: Int(l); break;
            case double d:
                Span<byte> f = stackalloc byte[9];
                f[0] = (byte)'G';
                BinaryPrimitives.WriteDoubleBigEndian(f[1..], d);
                stream.Write(f);
                break;
            case string s: Unicode(s); break;
            case object?[] tuple: Tuple(tuple); break;
            case System.Collections.IList list: List(list); break;
            default: throw new ArgumentException($"cannot pickle a {value.GetType().Name}");
        }
    }

    private void Int(long v)
    {
        Span<byte> b = stackalloc byte[10];
        if (v is >= 0 and <= byte.MaxValue) { b[0] = (byte)'K'; b[1] = (byte)v; stream.Write(b[..2]); }
        else if (v is >= 0 and <= ushort.MaxValue) { b[0] = (byte)'M'; BinaryPrimitives.WriteUInt16LittleEndian(b[1..], (ushort)v); stream.Write(b[..3]); }
        else if (v is >= int.MinValue and <= int.MaxValue) { b[0] = (byte)'J'; BinaryPrimitives.WriteInt32LittleEndian(b[1..], (int)v); stream.Write(b[..5]); }
        else
        {
            // LONG1: the shortest little-endian two's complement.
            var bytes = new System.Numerics.BigInteger(v).ToByteArray();
            b[0] = 0x8a;
            b[1] = (byte)bytes.Length;
            stream.Write(b[..2]);
            stream.Write(bytes);
        }
    }

    private void Unicode(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Span<byte> head = stackalloc byte[5];
        head[0] = (byte)'X';
        BinaryPrimitives.WriteUInt32LittleEndian(head[1..], (uint)bytes.Length);
        stream.Write(head);
        stream.Write(bytes);
    }

    private void Tuple(object?[] items)
    {
        if (items.Length == 0) { stream.WriteByte((byte)')'); return; }
        if (items.Length > 3) stream.WriteByte((byte)'(');
        foreach (var item in items) Value(item);
        stream.WriteByte(items.Length switch { 1 => 0x85, 2 => 0x86, 3 => 0x87, _ => (byte)'t' });
    }

    private void List(System.Collections.IList list)
    {
        stream.WriteByte((byte)']');
        for (int start = 0; start < list.Count; start += BatchSize)
        {
            int n = Math.Min(BatchSize, list.Count - start);
            if (n == 1)
            {
                Value(list[start]);
                stream.WriteByte((byte)'a');
                continue;
            }
            stream.WriteByte((byte)'(');
            for (int i = start; i < start + n; i++) Value(list[i]);
            stream.WriteByte((byte)'e');
        }
    }
}
