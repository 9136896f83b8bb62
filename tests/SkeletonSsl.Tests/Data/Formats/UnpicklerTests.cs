using System.Numerics;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Tests.Data.Formats;

public sealed class UnpicklerTests
{
    private static object? Load(PickleBytes p, PickleAllowlist? allow = null, Func<object?, object?>? persistentLoad = null) =>
        new Unpickler(allow, persistentLoad).Load(p.ToArray(), "x.pkl");

    [Fact]
    public void Load_PlainDataOpcodes_GiveTheDocumentedValues()
    {
        var p = new PickleBytes().Proto(4).Frame(0)
            .Mark()
                .BinInt1(7).BinInt2(300).BinInt(-5).Long1(0x00, 0xE4, 0x0B, 0x54, 0x02) // 10^10
                .Long1(0, 0, 0, 0, 0, 0, 0, 0, 1)                                      // 2^64: beyond long
                .BinFloat(2.5).None().NewTrue().NewFalse()
                .ShortBinUnicode("naïve").Memoize().BinUnicode("x").ShortBinString("\u00e9t\u00e9")
                .ShortBinBytes(1, 2, 3).BinBytes(9)
                .EmptyList().BinGet(0).Append()                                        // ['naïve'] via the memo
                .EmptyDict().Mark().BinInt1(1).BinInt1(2).Tuple2().BinUnicode("pair").BinUnicode("k").EmptyTuple().SetItems()
                .Mark().BinUnicode("a").BinInt1(1).Dict()
            .Tuple()
            .Stop();
        var t = Assert.IsType<object?[]>(Load(p));
        Assert.Equal(7L, t[0]);
        Assert.Equal(300L, t[1]);
        Assert.Equal(-5L, t[2]);
        Assert.Equal(10_000_000_000L, t[3]);
        Assert.Equal(BigInteger.Pow(2, 64), t[4]);
        Assert.Equal(2.5, t[5]);
        Assert.Null(t[6]);
        Assert.Equal(true, t[7]);
        Assert.Equal(false, t[8]);
        Assert.Equal("naïve", t[9]);
        Assert.Equal("x", t[10]);
        Assert.Equal("été", t[11]);
        Assert.Equal(new byte[] { 1, 2, 3 }, t[12]);
        Assert.Equal(new byte[] { 9 }, t[13]);
        Assert.Equal(new List<object?> { "naïve" }, t[14]);
        var dict = Assert.IsType<Dictionary<object, object?>>(t[15]);
        Assert.Equal("pair", dict[new object?[] { 1L, 2L }]); // tuple keys compare by items
        Assert.Equal(Array.Empty<object?>(), dict["k"]);
        Assert.Equal(1L, Assert.IsType<Dictionary<object, object?>>(t[16])["a"]);
    }

    [Fact]
    public void Load_OsSystemViaGlobalAndReduce_IsRefusedWithoutRunning()
    {
        using var tmp = new TempDir();
        string marker = tmp.File("pwned");
        var p = new PickleBytes().Proto(2)
            .Global("os", "system")                      // byte 2: GLOBAL 'os system'
            .BinUnicode($"touch {marker}").Tuple1()      // ("touch ...",)
            .Reduce()                                    // os.system("touch ...")
            .Stop();
        var e = Assert.Throws<DataFormatException>(() => Load(p, LabelPickle.Allowlist()));
        Assert.Equal("x.pkl", e.File);
        Assert.Contains("os.system", e.Message);
        Assert.Contains("byte 2", e.Message);
        Assert.Contains("GLOBAL", e.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Load_BuiltinsEvalViaStackGlobal_IsRefused()
    {
        var p = new PickleBytes().Proto(4)
            .ShortBinUnicode("builtins").ShortBinUnicode("eval").StackGlobal()   // STACK_GLOBAL at byte 18
            .ShortBinUnicode("1+1").Tuple1().Reduce().Stop();
        var e = Assert.Throws<DataFormatException>(() => Load(p));
        Assert.Contains("builtins.eval", e.Message);
        Assert.Contains("byte 18", e.Message);
    }

    [Fact]
    public void Load_CallsOfNonGlobals_UnknownOpcodesAndMissingCallbacks_AreRefused()
    {
        // REDUCE on a list: only allowlisted handlers may be called.
        var e1 = Assert.Throws<DataFormatException>(() => Load(new PickleBytes().Proto(2).EmptyList().EmptyTuple().Reduce().Stop()));
        Assert.Contains("REDUCE", e1.Message);
        // BUILD on a plain dict.
        Assert.Throws<DataFormatException>(() => Load(new PickleBytes().Proto(2).EmptyDict().EmptyDict().Build().Stop()));
        // INST ('i'), a protocol-0 class instantiation, is not supported at all.
        var e2 = Assert.Throws<DataFormatException>(() => Load(new PickleBytes().Proto(2).Mark().Raw((byte)'i').Raw("os\nsystem\n"u8.ToArray()).Stop()));
        Assert.Contains("INST", e2.Message);
        // An allowlisted global whose handler does not support NEWOBJ.
        var allow = new PickleAllowlist { PickleGlobal.Function("m", "f", call: _ => 1L) };
        var e3 = Assert.Throws<DataFormatException>(() => Load(new PickleBytes().Proto(2).Global("m", "f").EmptyTuple().NewObj().Stop(), allow));
        Assert.Contains("NEWOBJ of m.f is not allowed", e3.Message);
        // A persistent id without a persistent-load callback.
        var e4 = Assert.Throws<DataFormatException>(() => Load(new PickleBytes().Proto(2).BinUnicode("id").BinPersId().Stop()));
        Assert.Contains("persistent", e4.Message);
    }

    [Fact]
    public void Load_TruncatedOrUnbalancedStream_NamesTheByteOffset()
    {
        var cut = new PickleBytes().Proto(2).BinUnicode("abcdef").ToArray()[..8];
        var e = Assert.Throws<DataFormatException>(() => new Unpickler().Load(cut, "cut.pkl"));
        Assert.Equal("cut.pkl", e.File);
        Assert.Contains("byte 2", e.Message);
        Assert.Throws<DataFormatException>(() => Load(new PickleBytes().Proto(2).Append().Stop()));
        Assert.Throws<DataFormatException>(() => Load(new PickleBytes().Proto(2).BinInt1(1).BinInt1(2).Stop()));
        Assert.Throws<DataFormatException>(() => Load(new PickleBytes().Proto(2).BinGet(3).Stop()));
    }

    private sealed record FakeTensor(float[] Storage, long Offset, long[] Size, long[] Stride);

    [Fact]
    public void Load_HandBuiltTorchStateDict_ResolvesThroughAnAllowlistAndPersistentLoad()
    {
        // The data.pkl that torch.save (protocol 2) writes for OrderedDict(weight = 2x3 float tensor), with _metadata.
        var p = new PickleBytes().Proto(2)
            .Global("collections", "OrderedDict").BinPut(0).EmptyTuple().Reduce().BinPut(1)       // sd = OrderedDict()
            .BinUnicode("weight").BinPut(2)
            .Global("torch._utils", "_rebuild_tensor_v2").BinPut(3)
            .Mark()
                .Mark().BinUnicode("storage").Global("torch", "FloatStorage").BinPut(5)
                    .BinUnicode("0").BinUnicode("cpu").BinInt1(6).Tuple()                          // ('storage', FloatStorage, '0', 'cpu', 6)
                .BinPersId()                                                                       // persistent_load(...)
                .BinInt1(0)                                                                        // storage_offset
                .BinInt1(2).BinInt1(3).Tuple2()                                                    // size
                .BinInt1(3).BinInt1(1).Tuple2()                                                    // stride
                .NewFalse()                                                                        // requires_grad
                .BinGet(0).EmptyTuple().Reduce()                                                   // backward_hooks = OrderedDict()
            .Tuple().Reduce()                                                                      // _rebuild_tensor_v2(...)
            .SetItem()                                                                             // sd['weight'] = tensor
            .EmptyDict().BinUnicode("_metadata")
                .BinGet(0).EmptyTuple().Reduce().BinUnicode("").EmptyDict().BinUnicode("version").BinInt1(1).SetItem().SetItem()
            .SetItem()
            .Build()                                                                               // sd._metadata = ...
            .Stop();

        var storages = new Dictionary<string, float[]> { ["0"] = [1, 2, 3, 4, 5, 6] };
        object? PersistentLoad(object? pid)
        {
            var t = (object?[])pid!;
            Assert.Equal("storage", t[0]);
            Assert.Equal("torch.FloatStorage", t[1]!.ToString());
            Assert.Equal("cpu", t[3]);
            Assert.Equal(6L, t[4]);
            return storages[(string)t[2]!];
        }
        static long[] Longs(object? tuple) => ((object?[])tuple!).Select(o => (long)o!).ToArray();
        var allow = new PickleAllowlist
        {
            PickleAllowlist.OrderedDict,
            PickleGlobal.Recording("torch", "FloatStorage"),
            PickleGlobal.Function("torch._utils", "_rebuild_tensor_v2",
                call: a => new FakeTensor((float[])a[0]!, (long)a[1]!, Longs(a[2]), Longs(a[3]))),
        };

        var sd = Assert.IsType<PickleOrderedDict>(Load(p, allow, PersistentLoad));
        var weight = Assert.IsType<FakeTensor>(Assert.Single(sd).Value);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, weight.Storage);
        Assert.Equal(new long[] { 2, 3 }, weight.Size);
        Assert.Equal(new long[] { 3, 1 }, weight.Stride);
        var meta = Assert.IsType<PickleOrderedDict>(Assert.IsType<Dictionary<object, object?>>(sd.Attributes)["_metadata"]);
        Assert.Equal(1L, Assert.IsType<Dictionary<object, object?>>(meta[""])["version"]);
    }

    [Fact]
    public void RecordingGlobal_KeepsArgsAndStateWithoutRunningAnything()
    {
        var p = new PickleBytes().Proto(2).Global("some.module", "Thing").BinInt1(4).Tuple1().NewObj()
            .EmptyDict().BinUnicode("x").BinInt1(1).SetItem().Build().Stop();
        var o = Assert.IsType<PickleObject>(Load(p, new PickleAllowlist { PickleGlobal.Recording("some.module", "Thing") }));
        Assert.Equal(new object?[] { 4L }, o.Args);
        Assert.Equal(1L, ((Dictionary<object, object?>)o.State!)["x"]);
        var json = PickleStructure.Describe(o).ToJsonString();
        Assert.Contains("some.module.Thing", json);
    }
}
