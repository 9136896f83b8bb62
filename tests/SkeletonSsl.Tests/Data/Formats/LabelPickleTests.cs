using System.Text.Json.Nodes;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Tests.Data.Formats;

public sealed class LabelPickleTests
{
    [Fact]
    public void Parse_Protocol2IntLabels_AsStGcnWritesThem()
    {
        var p = new PickleBytes().Proto(2)
            .EmptyList().BinPut(0).Mark().BinUnicode("S001C001P001R001A001").BinPut(1).BinUnicode("S001C001P001R001A060").BinPut(2).Appends()
            .EmptyList().BinPut(3).Mark().BinInt1(0).BinInt1(59).Appends()
            .Tuple2().BinPut(4).Stop();
        var (names, labels) = LabelPickle.Parse(p.ToArray(), "train_label.pkl");
        Assert.Equal(["S001C001P001R001A001", "S001C001P001R001A060"], names);
        Assert.Equal([0L, 59L], labels);
    }

    [Fact]
    public void Parse_Protocol2NumpyFloat64Labels_ViaCodecsEncode()
    {
        // pickle.dumps((['v.txt_0'], [np.float64(2.0), np.float64(59.0)]), protocol=2); the second name is 'b'.
        var p = new PickleBytes().Proto(2)
            .EmptyList().BinPut(0).Mark().BinUnicode("v.txt_0").BinPut(1).BinUnicode("b").BinPut(2).Appends()
            .EmptyList().BinPut(3).Mark()
                .Global("numpy.core.multiarray", "scalar").BinPut(4)
                .Global("numpy", "dtype").BinPut(5)
                .BinUnicode("f8").NewFalse().NewTrue().Tuple3().BinPut(7).Reduce().BinPut(8)       // dtype('f8', False, True)
                .Mark().BinInt1(3).BinUnicode("<").None().None().None().BinInt(-1).BinInt(-1).BinInt1(0).Tuple().BinPut(10)
                .Build()                                                                          // dtype.__setstate__((3, '<', ...))
                .Global("_codecs", "encode").BinPut(11)
                .BinUnicode("\0\0\0\0\0\0\0@").BinUnicode("latin1").BinPut(13).Tuple2().Reduce()   // bytes of 2.0
                .Tuple2().Reduce()                                                                // scalar(dtype, bytes)
                .BinGet(4).BinGet(5).BinGet(7).Reduce().BinGet(10).Build()
                .BinGet(11).BinUnicode("\0\0\0\0\0\u0080M@").BinGet(13).Tuple2().Reduce()         // bytes of 59.0
                .Tuple2().Reduce()
            .Appends()
            .Tuple2().Stop();
        var (names, labels) = LabelPickle.Parse(p.ToArray(), "val_label.pkl");
        Assert.Equal(["v.txt_0", "b"], names);
        Assert.Equal([2L, 59L], labels);
    }

    [Fact]
    public void Parse_Protocol4NumpyScalarLabels_ViaStackGlobalAndShortBinBytes()
    {
        byte[] data =
        [
            0x80, 0x04,                                   // PROTO 4
            0x95, 0x80, 0, 0, 0, 0, 0, 0, 0,              // FRAME 128
            (byte)']', 0x94,                              // EMPTY_LIST, MEMOIZE 0
            0x8c, 1, (byte)'a', 0x94,                     // SHORT_BINUNICODE 'a', MEMOIZE 1
            (byte)'a',                                    // APPEND (a one-item list)
            (byte)']', 0x94, (byte)'(',                   // EMPTY_LIST, MEMOIZE 2, MARK
            0x8c, 22, .."numpy._core.multiarray"u8, 0x94, // SHORT_BINUNICODE (NumPy 2 module), MEMOIZE 3
            0x8c, 6, .."scalar"u8, 0x94,                  // SHORT_BINUNICODE 'scalar', MEMOIZE 4
            0x93, 0x94,                                   // STACK_GLOBAL, MEMOIZE 5
            0x8c, 5, .."numpy"u8, 0x94,                   // MEMOIZE 6
            0x8c, 5, .."dtype"u8, 0x94,                   // MEMOIZE 7
            0x93, 0x94,                                   // STACK_GLOBAL numpy.dtype, MEMOIZE 8
            0x8c, 2, .."i8"u8, 0x94,                      // 'i8', MEMOIZE 9
            0x89, 0x88, 0x87, 0x94,                       // NEWFALSE NEWTRUE TUPLE3, MEMOIZE 10
            (byte)'R', 0x94,                              // REDUCE -> dtype, MEMOIZE 11
            (byte)'(', (byte)'K', 3, 0x8c, 1, (byte)'<', 0x94, (byte)'N', (byte)'N', (byte)'N',
            (byte)'J', 0xff, 0xff, 0xff, 0xff, (byte)'J', 0xff, 0xff, 0xff, 0xff, (byte)'K', 0, (byte)'t', 0x94,
            (byte)'b',                                    // BUILD dtype state
            (byte)'C', 8, 42, 0, 0, 0, 0, 0, 0, 0, 0x94,  // SHORT_BINBYTES int64 42
            0x86, 0x94, (byte)'R', 0x94,                  // TUPLE2, REDUCE -> scalar
            (byte)'e',                                    // APPENDS
            0x86, 0x94, (byte)'.',                        // TUPLE2, STOP
        ];
        var (names, labels) = LabelPickle.Parse(data, "x.pkl");
        Assert.Equal(["a"], names);
        Assert.Equal([42L], labels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2500)]
    public void WriteThenRead_RoundTrips(int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"S{i % 32 + 1:000}C001P001R001A{i % 120 + 1:000}").ToArray();
        var labels = Enumerable.Range(0, count).Select(i => i switch { 5 => 70000L, 6 => -3L, 7 => 1L << 40, _ => i % 120 }).ToArray();
        using var tmp = new TempDir();
        string path = tmp.File("label.pkl");
        LabelPickle.Write(path, names, labels);
        var (n, l) = LabelPickle.Read(path);
        Assert.Equal(names, n);
        Assert.Equal(labels, l);
    }

    [Fact]
    public void Write_EmitsTheProtocol2OpcodesOfTheSpec()
    {
        var ms = new MemoryStream();
        LabelPickle.Write(ms, ["ab", "c"], [3, 300]);
        var expected = new PickleBytes().Proto(2)
            .EmptyList().Mark().BinUnicode("ab").BinUnicode("c").Appends()
            .EmptyList().Mark().BinInt1(3).BinInt2(300).Appends()
            .Tuple2().Stop();
        Assert.Equal(expected.ToArray(), ms.ToArray());
    }

    [Fact]
    public void Parse_WrongShapes_AreDataFormatErrors()
    {
        byte[] Pair(PickleBytes labels) => new PickleBytes().Proto(2).EmptyList().BinUnicode("a").Append()
            .Raw(labels.ToArray()).Tuple2().Stop().ToArray();
        var e1 = Assert.Throws<DataFormatException>(() => LabelPickle.Parse(Pair(new PickleBytes().EmptyList().BinFloat(2.5).Append()), "l.pkl"));
        Assert.Equal("labels[0]", e1.Field);
        var e2 = Assert.Throws<DataFormatException>(() => LabelPickle.Parse(Pair(new PickleBytes().EmptyList()), "l.pkl"));
        Assert.Contains("1 names but 0 labels", e2.Message);
        var e3 = Assert.Throws<DataFormatException>(() => LabelPickle.Parse(new PickleBytes().Proto(2).EmptyDict().Stop().ToArray(), "l.pkl"));
        Assert.Equal("root", e3.Field);
        Assert.Equal(2L, LabelPickle.Parse(Pair(new PickleBytes().EmptyList().BinFloat(2.0).Append()), "l.pkl").Labels[0]);
    }

    [Fact]
    public void Describe_GivesTypesLengthsAndFirstItems()
    {
        var ms = new MemoryStream();
        LabelPickle.Write(ms, ["a", "b", "c", "d"], [1, 2, 3, 4]);
        var node = PickleStructure.Describe(new Unpickler().Load(ms.ToArray(), "x.pkl"));
        Assert.Equal("tuple", (string?)node["type"]);
        var names = node["items"]![0]!;
        Assert.Equal("list", (string?)names["type"]);
        Assert.Equal(4, (int?)names["length"]);
        Assert.Equal("str", (string?)names["item_types"]![0]);
        Assert.Equal(3, names["first_items"]!.AsArray().Count);
        Assert.Equal(1L, (long?)node["items"]![1]!["first_items"]![0]!["value"]);
    }
}
