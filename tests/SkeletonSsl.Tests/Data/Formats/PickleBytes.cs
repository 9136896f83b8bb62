using System.Buffers.Binary;
using System.Text;

namespace SkeletonSsl.Tests.Data.Formats;

/// <summary>
/// Writes pickle streams by hand for tests: one method per opcode, named as in CPython's
/// pickletools, emitting that opcode's byte and operand exactly.
/// </summary>
internal sealed class PickleBytes
{
    private readonly List<byte> _b = new();

    public byte[] ToArray() => _b.ToArray();
    public int Length => _b.Count;

    private PickleBytes Op(byte op, params byte[] operand) { _b.Add(op); _b.AddRange(operand); return this; }
    private static byte[] Le32(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return b; }

    public PickleBytes Proto(byte v) => Op(0x80, v);
    public PickleBytes Frame(long n) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, n); return Op(0x95, b); }
    public PickleBytes Stop() => Op((byte)'.');
    public PickleBytes Mark() => Op((byte)'(');
    public PickleBytes Pop() => Op((byte)'0');
    public PickleBytes EmptyList() => Op((byte)']');
    public PickleBytes Append() => Op((byte)'a');
    public PickleBytes Appends() => Op((byte)'e');
    public PickleBytes EmptyDict() => Op((byte)'}');
    public PickleBytes Dict() => Op((byte)'d');
    public PickleBytes SetItem() => Op((byte)'s');
    public PickleBytes SetItems() => Op((byte)'u');
    public PickleBytes EmptyTuple() => Op((byte)')');
    public PickleBytes Tuple() => Op((byte)'t');
    public PickleBytes Tuple1() => Op(0x85);
    public PickleBytes Tuple2() => Op(0x86);
    public PickleBytes Tuple3() => Op(0x87);
    public PickleBytes None() => Op((byte)'N');
    public PickleBytes NewTrue() => Op(0x88);
    public PickleBytes NewFalse() => Op(0x89);
    public PickleBytes BinInt1(byte v) => Op((byte)'K', v);
    public PickleBytes BinInt2(ushort v) => Op((byte)'M', (byte)v, (byte)(v >> 8));
    public PickleBytes BinInt(int v) => Op((byte)'J', Le32(v));
    public PickleBytes Long1(params byte[] le) => Op(0x8a, [(byte)le.Length, .. le]);
    public PickleBytes BinFloat(double v) { var b = new byte[8]; BinaryPrimitives.WriteDoubleBigEndian(b, v); return Op((byte)'G', b); }
    public PickleBytes BinUnicode(string s) { var u = Encoding.UTF8.GetBytes(s); return Op((byte)'X', [.. Le32(u.Length), .. u]); }
    public PickleBytes ShortBinUnicode(string s) { var u = Encoding.UTF8.GetBytes(s); return Op(0x8c, [(byte)u.Length, .. u]); }
    public PickleBytes ShortBinString(string latin1) { var u = Encoding.Latin1.GetBytes(latin1); return Op((byte)'U', [(byte)u.Length, .. u]); }
    public PickleBytes ShortBinBytes(params byte[] v) => Op((byte)'C', [(byte)v.Length, .. v]);
    public PickleBytes BinBytes(params byte[] v) => Op((byte)'B', [.. Le32(v.Length), .. v]);
    public PickleBytes BinPut(byte i) => Op((byte)'q', i);
    public PickleBytes LongBinPut(int i) => Op((byte)'r', Le32(i));
    public PickleBytes Memoize() => Op(0x94);
    public PickleBytes BinGet(byte i) => Op((byte)'h', i);
    public PickleBytes LongBinGet(int i) => Op((byte)'j', Le32(i));
    public PickleBytes Global(string module, string name) => Op((byte)'c', Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    public PickleBytes StackGlobal() => Op(0x93);
    public PickleBytes Reduce() => Op((byte)'R');
    public PickleBytes Build() => Op((byte)'b');
    public PickleBytes NewObj() => Op(0x81);
    public PickleBytes BinPersId() => Op((byte)'Q');
    public PickleBytes Raw(params byte[] b) { _b.AddRange(b); return this; }
}
