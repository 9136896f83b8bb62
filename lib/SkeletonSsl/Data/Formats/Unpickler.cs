using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// A restricted unpickler: a small pickle virtual machine (protocols 0-5, binary opcodes) that never
/// imports or runs code. It reads the opcodes of spec/data.md §6.3 plus those a PyTorch
/// <c>torch.save</c> zip's <c>data.pkl</c> uses. Values come out as:
/// <list type="table">
/// <item><term>None</term><description><c>null</c></description></item>
/// <item><term>bool / int / float</term><description><c>bool</c> / <c>long</c> (<see cref="BigInteger"/> beyond 64 bits) / <c>double</c></description></item>
/// <item><term>str / bytes</term><description><c>string</c> / <c>byte[]</c> (Python 2 byte strings decode as latin-1 strings)</description></item>
/// <item><term>list / tuple / dict</term><description><c>List&lt;object?&gt;</c> / <c>object?[]</c> /
/// <c>Dictionary&lt;object, object?&gt;</c> in insertion order, tuple keys compared by items</description></item>
/// <item><term>a global</term><description>its <see cref="PickleGlobal"/> handler from the allowlist</description></item>
/// <item><term>REDUCE / NEWOBJ / BUILD</term><description>whatever the handler returns</description></item>
/// <item><term>BINPERSID</term><description>whatever the persistent-load callback returns for the id</description></item>
/// </list>
/// A global that is not in the <see cref="PickleAllowlist"/>, a call of something that is not an
/// allowlisted handler, a persistent id without a callback, or any other opcode is refused with a
/// <see cref="DataFormatException"/> naming the file, the byte offset and the opcode or global.
///
/// <para>Reading a PyTorch zip checkpoint on top of this: open <c>archive/data.pkl</c> and allow
/// <see cref="PickleAllowlist.OrderedDict"/>, <c>torch._utils._rebuild_tensor_v2</c> (REDUCE args:
/// storage, storage_offset, size tuple, stride tuple, requires_grad, backward_hooks[, metadata]) and the
/// storage classes (<c>torch.FloatStorage</c>, ... , as plain markers, e.g. <see cref="PickleGlobal.Recording"/>);
/// pass a persistent-load callback that receives the tuple
/// <c>('storage', storage_type_handler, key, location, numel)</c> and returns the storage read from
/// <c>archive/data/&lt;key&gt;</c>. The rebuild handler then views that storage with the size, stride and
/// offset it is given.</para>
/// </summary>
public sealed class Unpickler(PickleAllowlist? allowlist = null, Func<object?, object?>? persistentLoad = null)
{
    /// <summary>The most nested items a tuple dict key may hold (real keys are names, numbers or short tuples).</summary>
    public const int MaxKeySpan = 4096;

    private readonly PickleAllowlist _allowlist = allowlist ?? PickleAllowlist.Empty;
    private readonly Func<object?, object?>? _persistentLoad = persistentLoad;

    /// <summary>Reads and unpickles a whole file.</summary>
    public object? Load(string path) => Load(File.ReadAllBytes(path), path);

    /// <summary>Unpickles one object from <paramref name="data"/>; <paramref name="file"/> names it in errors.</summary>
    public object? Load(ReadOnlySpan<byte> data, string file) => new Machine(this, data, file).Run();

    private ref struct Machine(Unpickler owner, ReadOnlySpan<byte> data, string file)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private readonly List<object?> _stack = new();
        private readonly Stack<int> _marks = new();
        private readonly Dictionary<long, object?> _memo = new();
        private readonly Dictionary<object, PickleGlobal> _createdBy = new(ReferenceEqualityComparer.Instance);
        private int _pos;
        private int _opAt;
        private string _opName = "";

        public object? Run()
        {
            while (true)
            {
                _opAt = _pos;
                byte op = U8();
                _opName = Name(op);
                switch (op)
                {
                    case 0x80: // PROTO
                        int proto = U8();
                        if (proto > 5) throw Refuse($"unsupported pickle protocol {proto}");
                        break;
                    case 0x95: Take(8); break; // FRAME: a framing hint only
                    case (byte)'.': // STOP
                        if (_stack.Count != 1 || _marks.Count != 0) throw Refuse("malformed pickle: STOP with a stack that does not hold exactly one object");
                        return _stack[0];
                    case (byte)'(': _marks.Push(_stack.Count); break; // MARK
                    case (byte)'0': Pop(); break; // POP
                    case (byte)'1': PopMark(); break; // POP_MARK
                    case (byte)'2': Push(Peek()); break; // DUP

                    case (byte)']': Push(new List<object?>()); break; // EMPTY_LIST
                    case (byte)'a': // APPEND
                    {
                        var item = Pop();
                        AsList(Peek()).Add(item);
                        break;
                    }
                    case (byte)'e': // APPENDS
                    {
                        var items = PopMark();
                        AsList(Peek()).AddRange(items);
                        break;
                    }
                    case (byte)'}': Push(NewDict()); break; // EMPTY_DICT
                    case (byte)'d': // DICT
                    {
                        var items = PopMark();
                        var dict = NewDict();
                        SetItems(dict, items);
                        Push(dict);
                        break;
                    }
                    case (byte)'s': // SETITEM
                    {
                        var value = Pop();
                        var key = Pop();
                        SetItems(AsDict(Peek()), [key, value]);
                        break;
                    }
                    case (byte)'u': // SETITEMS
                    {
                        var items = PopMark();
                        SetItems(AsDict(Peek()), items);
                        break;
                    }
                    case (byte)')': Push(Array.Empty<object?>()); break; // EMPTY_TUPLE
                    case (byte)'t': Push(PopMark().ToArray()); break; // TUPLE
                    case 0x85: Push(new[] { Pop() }); break; // TUPLE1
                    case 0x86: // TUPLE2
                    {
                        var b = Pop();
                        var a = Pop();
                        Push(new[] { a, b });
                        break;
                    }
                    case 0x87: // TUPLE3
                    {
                        var c = Pop();
                        var b = Pop();
                        var a = Pop();
                        Push(new[] { a, b, c });
                        break;
                    }

                    case (byte)'N': Push(null); break; // NONE
                    case 0x88: Push(true); break; // NEWTRUE
                    case 0x89: Push(false); break; // NEWFALSE
                    case (byte)'K': Push((long)U8()); break; // BININT1
                    case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
                    case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break; // BININT
                    case 0x8a: Push(Long(Take(U8()))); break; // LONG1
                    case 0x8b: Push(Long(Take(Length(BinaryPrimitives.ReadInt32LittleEndian(Take(4)))))); break; // LONG4
                    case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break; // BINFLOAT

                    case (byte)'X': Push(Utf8(Take(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))))); break; // BINUNICODE
                    case 0x8c: Push(Utf8(Take(U8()))); break; // SHORT_BINUNICODE
                    case 0x8d: Push(Utf8(Take(Length(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)))))); break; // BINUNICODE8
                    case (byte)'U': Push(Encoding.Latin1.GetString(Take(U8()))); break; // SHORT_BINSTRING
                    case (byte)'T': Push(Encoding.Latin1.GetString(Take(Length(BinaryPrimitives.ReadInt32LittleEndian(Take(4)))))); break; // BINSTRING
                    case (byte)'C': Push(Take(U8()).ToArray()); break; // SHORT_BINBYTES
                    case (byte)'B': Push(Take(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))).ToArray()); break; // BINBYTES
                    case 0x8e: Push(Take(Length(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)))).ToArray()); break; // BINBYTES8

                    case (byte)'q': _memo[U8()] = Peek(); break; // BINPUT
                    case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(); break; // LONG_BINPUT
                    case 0x94: _memo[_memo.Count] = Peek(); break; // MEMOIZE
                    case (byte)'h': Push(Memo(U8())); break; // BINGET
                    case (byte)'j': Push(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break; // LONG_BINGET

                    case (byte)'c': // GLOBAL: "module\nname\n"
                    {
                        string module = Line();
                        string name = Line();
                        Push(Resolve(module, name));
                        break;
                    }
                    case 0x93: // STACK_GLOBAL
                    {
                        var name = Pop();
                        var module = Pop();
                        if (module is not string m || name is not string n) throw Refuse("STACK_GLOBAL needs two strings");
                        Push(Resolve(m, n));
                        break;
                    }
                    case (byte)'R': // REDUCE: callable(*args)
                    {
                        var args = Pop();
                        var callable = Pop();
                        Push(Invoke(callable, args, "REDUCE", (g, a) => g.Call(a)));
                        break;
                    }
                    case 0x81: // NEWOBJ: cls.__new__(cls, *args)
                    {
                        var args = Pop();
                        var cls = Pop();
                        Push(Invoke(cls, args, "NEWOBJ", (g, a) => g.New(a)));
                        break;
                    }
                    case (byte)'b': // BUILD: obj.__setstate__(state)
                    {
                        var state = Pop();
                        var target = Pop();
                        if (target is null || !_createdBy.TryGetValue(target, out var handler))
                            throw Refuse($"BUILD on {Describe(target)}: only objects made by an allowlisted global can take state");
                        object? built;
                        try { built = handler.Build(target, state); }
                        catch (NotSupportedException) { throw Refuse($"BUILD on an object of {handler} is not allowed", handler.ToString()); }
                        catch (Exception e) when (e is ArgumentException or InvalidCastException or IndexOutOfRangeException)
                        { throw Refuse($"BUILD for {handler} failed: {e.Message}", handler.ToString(), e); }
                        if (built is not null) _createdBy[built] = handler;
                        Push(built);
                        break;
                    }
                    case (byte)'Q': // BINPERSID
                    {
                        var pid = Pop();
                        if (owner._persistentLoad is null) throw Refuse("a persistent id needs a persistent-load callback, and none was given");
                        try { Push(owner._persistentLoad(pid)); }
                        catch (Exception e) when (e is ArgumentException or InvalidCastException or IndexOutOfRangeException or KeyNotFoundException)
                        { throw Refuse($"persistent load failed: {e.Message}", inner: e); }
                        break;
                    }
                    default:
                        throw Refuse($"opcode {_opName} is not supported by this restricted unpickler");
                }
            }
        }

        private object? Invoke(object? callable, object? args, string opcode, Func<PickleGlobal, object?[], object?> call)
        {
            if (callable is not PickleGlobal handler)
                throw Refuse($"{opcode} of {Describe(callable)}: only allowlisted globals can be called");
            if (args is not object?[] tuple) throw Refuse($"{opcode} of {handler}: the arguments must be a tuple", handler.ToString());
            object? result;
            try { result = call(handler, tuple); }
            catch (NotSupportedException) { throw Refuse($"{opcode} of {handler} is not allowed", handler.ToString()); }
            catch (DataFormatException) { throw; }
            catch (Exception e) when (e is ArgumentException or InvalidCastException or IndexOutOfRangeException or FormatException)
            { throw Refuse($"{opcode} of {handler} failed: {e.Message}", handler.ToString(), e); }
            if (result is not null && !result.GetType().IsValueType && result is not string) _createdBy[result] = handler;
            return result;
        }

        private PickleGlobal Resolve(string module, string name)
        {
            if (owner._allowlist.TryGet(module, name, out var handler)) return handler;
            throw Refuse($"refused global {module}.{name}: it is not in the allowlist (unpickling it could run arbitrary code)", $"{module}.{name}");
        }

        private static Dictionary<object, object?> NewDict() => new(PickleKeyComparer.Instance);

        private void SetItems(Dictionary<object, object?> dict, List<object?> items)
        {
            if (items.Count % 2 != 0) throw Refuse("odd number of items for a dict");
            for (int i = 0; i < items.Count; i += 2)
            {
                var key = items[i] ?? throw Refuse("None as a dict key is not supported");
                // Hashing and comparing a tuple key walks it item by item: a key nested a million levels
                // deep would overflow the stack, one built from a memo DAG would take 2^depth steps.
                if (key is object?[] && PickleGraph.KeySpan(key, MaxKeySpan) > MaxKeySpan)
                    throw Refuse($"a tuple dict key spans more than {MaxKeySpan} nested items: expected a flat key such as a string, a number or a short tuple");
                dict[key] = items[i + 1];
            }
        }

        private List<object?> AsList(object? o) => o as List<object?> ?? throw Refuse($"{_opName} needs a list, found {Describe(o)}");

        private Dictionary<object, object?> AsDict(object? o) =>
            o as Dictionary<object, object?> ?? throw Refuse($"{_opName} needs a dict, found {Describe(o)}");

        private object? Memo(long index) =>
            _memo.TryGetValue(index, out var v) ? v : throw Refuse($"memo entry {index} was never stored");

        private void Push(object? o) => _stack.Add(o);

        private object? Peek()
        {
            if (_stack.Count == 0 || (_marks.Count > 0 && _marks.Peek() == _stack.Count)) throw Refuse("stack underflow");
            return _stack[^1];
        }

        private object? Pop()
        {
            var o = Peek();
            _stack.RemoveAt(_stack.Count - 1);
            return o;
        }

        private List<object?> PopMark()
        {
            if (_marks.Count == 0) throw Refuse("no MARK on the stack");
            int at = _marks.Pop();
            var items = _stack.GetRange(at, _stack.Count - at);
            _stack.RemoveRange(at, _stack.Count - at);
            return items;
        }

        private byte U8() => Take(1)[0];

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n < 0 || n > _data.Length - _pos)
                throw new DataFormatException(file, $"truncated pickle at byte {_opAt}: {_opName} needs {n} more bytes, {_data.Length - _pos} are left", field: $"byte {_opAt}");
            var s = _data.Slice(_pos, n);
            _pos += n;
            return s;
        }

        private int Length(long n) => n is < 0 or > int.MaxValue ? throw Refuse($"implausible length {n}") : (int)n;

        private int Length(ulong n) => n > int.MaxValue ? throw Refuse($"implausible length {n}") : (int)n;

        private string Line()
        {
            int end = _data[_pos..].IndexOf((byte)'\n');
            if (end < 0) throw Refuse("GLOBAL without a newline");
            string s = Encoding.UTF8.GetString(_data.Slice(_pos, end));
            _pos += end + 1;
            return s;
        }

        private string Utf8(ReadOnlySpan<byte> bytes)
        {
            try { return new UTF8Encoding(false, true).GetString(bytes); }
            catch (DecoderFallbackException) { throw Refuse("a string is not valid UTF-8"); }
        }

        private static object Long(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length == 0) return 0L;
            var big = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
            return big >= long.MinValue && big <= long.MaxValue ? (object)(long)big : big;
        }

        private static string Describe(object? o) => o switch
        {
            null => "None",
            PickleGlobal g => g.ToString(),
            _ => o.GetType().Name,
        };

        private readonly DataFormatException Refuse(string problem, string? what = null, Exception? inner = null) =>
            new(file, $"{problem} (byte {_opAt}, opcode {_opName})", field: what is null ? $"byte {_opAt}" : $"byte {_opAt} {what}", inner: inner);

        private static string Name(byte op) => op switch
        {
            0x80 => "PROTO", 0x95 => "FRAME", (byte)'.' => "STOP", (byte)'(' => "MARK", (byte)'0' => "POP",
            (byte)'1' => "POP_MARK", (byte)'2' => "DUP", (byte)']' => "EMPTY_LIST", (byte)'a' => "APPEND",
            (byte)'e' => "APPENDS", (byte)'}' => "EMPTY_DICT", (byte)'d' => "DICT", (byte)'s' => "SETITEM",
            (byte)'u' => "SETITEMS", (byte)')' => "EMPTY_TUPLE", (byte)'t' => "TUPLE", 0x85 => "TUPLE1",
            0x86 => "TUPLE2", 0x87 => "TUPLE3", (byte)'N' => "NONE", 0x88 => "NEWTRUE", 0x89 => "NEWFALSE",
            (byte)'K' => "BININT1", (byte)'M' => "BININT2", (byte)'J' => "BININT", 0x8a => "LONG1", 0x8b => "LONG4",
            (byte)'G' => "BINFLOAT", (byte)'X' => "BINUNICODE", 0x8c => "SHORT_BINUNICODE", 0x8d => "BINUNICODE8",
            (byte)'U' => "SHORT_BINSTRING", (byte)'T' => "BINSTRING", (byte)'C' => "SHORT_BINBYTES",
            (byte)'B' => "BINBYTES", 0x8e => "BINBYTES8", (byte)'q' => "BINPUT", (byte)'r' => "LONG_BINPUT",
            0x94 => "MEMOIZE", (byte)'h' => "BINGET", (byte)'j' => "LONG_BINGET", (byte)'c' => "GLOBAL",
            0x93 => "STACK_GLOBAL", (byte)'R' => "REDUCE", 0x81 => "NEWOBJ", (byte)'b' => "BUILD", (byte)'Q' => "BINPERSID",
            (byte)'i' => "INST", (byte)'o' => "OBJ", 0x92 => "NEWOBJ_EX", (byte)'P' => "PERSID", 0x82 => "EXT1",
            0x83 => "EXT2", 0x84 => "EXT4", (byte)'I' => "INT", (byte)'L' => "LONG", (byte)'F' => "FLOAT",
            (byte)'S' => "STRING", (byte)'V' => "UNICODE", (byte)'p' => "PUT", (byte)'g' => "GET",
            (byte)'l' => "LIST", 0x8f => "EMPTY_SET", 0x90 => "ADDITEMS", 0x91 => "FROZENSET",
            0x96 => "BYTEARRAY8", 0x97 => "NEXT_BUFFER", 0x98 => "READONLY_BUFFER",
            _ => $"0x{op:x2}",
        } + $" (0x{op:x2})";
    }
}
