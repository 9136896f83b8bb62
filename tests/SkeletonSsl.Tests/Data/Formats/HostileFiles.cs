using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SkeletonSsl.Tests.Data.Formats;

/// <summary>
/// The hostile inputs found while testing the readers as an attacker would, generated here rather than
/// committed as binaries: each method returns the bytes of one small file that once crashed the
/// process, hung it, allocated without bound, escaped as an unhandled exception or was accepted
/// although it was wrong.
/// </summary>
internal static class HostileFiles
{
    /// <summary>A dict whose one key is a tuple nested <paramref name="depth"/> levels deep (hashing it recursed once per level).</summary>
    public static byte[] PickleDeepDictKey(int depth = 1_000_000)
    {
        var p = new PickleBytes().Proto(2).EmptyDict().BinInt1(1);
        for (int i = 0; i < depth; i++) p.Tuple1();
        return p.None().SetItem().Stop().ToArray();
    }

    /// <summary>A dict whose key is a 40-level memo DAG of pairs: 41 objects that a naive hash visits 2^40 times.</summary>
    public static byte[] PickleDagDictKey(int levels = 40)
    {
        var p = new PickleBytes().Proto(2).EmptyDict().BinInt1(1).BinPut(0).Pop();
        for (int i = 0; i < levels; i++) p.BinGet((byte)i).BinGet((byte)i).Tuple2().BinPut((byte)(i + 1)).Pop();
        return p.BinGet((byte)levels).None().SetItem().Stop().ToArray();
    }

    /// <summary>A dict of <paramref name="count"/> float keys that all share double.GetHashCode (the halves of their bits XOR to one value).</summary>
    public static byte[] PickleCollidingFloatKeys(int count = 100_000)
    {
        var p = new PickleBytes().Proto(2).EmptyDict().Mark();
        for (int i = 0; i < count; i++)
        {
            uint high = 0x4000_0000u + (uint)i, low = high ^ 0x0012_3456u;
            p.BinFloat(BitConverter.Int64BitsToDouble((long)(((ulong)high << 32) | low))).None();
        }
        return p.SetItems().Stop().ToArray();
    }

    /// <summary>A pickle holding one integer of <paramref name="bytes"/> bytes (LONG4), e.g. for 'data inspect' to print.</summary>
    public static byte[] PickleHugeInteger(int bytes = 1 << 20)
    {
        var digits = new byte[bytes];
        new Random(1).NextBytes(digits);
        digits[^1] = 0x01; // positive
        return new PickleBytes().Proto(2).Raw(0x8b).Raw(BitConverter.GetBytes(bytes)).Raw(digits).Stop().ToArray();
    }

    /// <summary>A torch.save zip: {"w": 2×3 float tensor, "deep": a list nested <paramref name="depth"/> levels} (disposal recursed per level).</summary>
    public static byte[] TorchDeepListBesideTensor(int depth = 1_000_000)
    {
        var p = TorchPickleStart();
        p.BinUnicode("deep");
        for (int i = 0; i < depth; i++) p.EmptyList();
        for (int i = 1; i < depth; i++) p.Append();
        return TorchZip(p.SetItem().Stop().ToArray());
    }

    /// <summary>A torch.save zip: {"w": tensor, "dag": a 40-level memo DAG of lists} (disposal walked it 2^40 times).</summary>
    public static byte[] TorchDagBesideTensor(int levels = 40)
    {
        var p = TorchPickleStart();
        p.BinUnicode("dag").EmptyList().BinPut(0).Pop();
        for (int i = 0; i < levels; i++) p.EmptyList().Mark().BinGet((byte)i).BinGet((byte)i).Appends().BinPut((byte)(i + 1)).Pop();
        return TorchZip(p.BinGet((byte)levels).SetItem().Stop().ToArray());
    }

    /// <summary>A torch.save zip whose pickle puts the storage itself in the dict (it used to come back already freed).</summary>
    public static byte[] TorchStorageAsValue()
    {
        var p = TorchPickleStart();
        p.BinUnicode("s");
        PersistentStorage(p);
        return TorchZip(p.SetItem().Stop().ToArray());
    }

    /// <summary>A valid torch.save zip of {"w": 2×3 float tensor}, optionally with data.pkl deflated.</summary>
    public static byte[] TorchValid(bool deflate = false) => TorchZip(TorchPickleStart().Stop().ToArray(), deflate);

    /// <summary>A torch.save zip whose data.pkl entry declares <paramref name="extra"/> more bytes than it holds.</summary>
    public static byte[] TorchEntryDeclaresMore(uint extra) => PatchUncompressedSize(TorchValid(), "archive/data.pkl", size => size + extra);

    /// <summary>A torch.save zip whose data.pkl entry declares 4 GiB - 2 bytes.</summary>
    public static byte[] TorchEntryDeclares4GiB() => PatchUncompressedSize(TorchValid(), "archive/data.pkl", _ => 0xFFFF_FFFE);

    /// <summary>A torch.save zip with data.pkl deflated and its compressed bytes damaged (the error came after opening, without the file name).</summary>
    public static byte[] TorchCorruptDeflate()
    {
        var zip = TorchValid(deflate: true);
        int local = IndexOfLocalHeader(zip, "archive/data.pkl");
        int data = local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 28));
        int compressed = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(local + 18));
        for (int i = data; i < data + compressed; i += 3) zip[i] ^= 0x5A;
        return zip;
    }

    /// <summary>A safetensors file whose shape product overflows 64 bits.</summary>
    public static byte[] SafeTensorsShapeOverflow() =>
        SafeTensors("""{"w":{"dtype":"F32","shape":[4294967296,4294967296,4],"data_offsets":[0,0]}}""", []);

    /// <summary>A safetensors file with a byte that is not UTF-8 inside its JSON header.</summary>
    public static byte[] SafeTensorsInvalidUtf8()
    {
        var bytes = SafeTensors("""{"w?":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[4]);
        bytes[8 + 3] = 0xFF; // the '?'
        return bytes;
    }

    /// <summary>A safetensors header that names one tensor twice.</summary>
    public static byte[] SafeTensorsDuplicateKey() =>
        SafeTensors("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]);

    /// <summary>An .npy header whose shape (2^32, 2^32) multiplies to 2^64, i.e. to 0 in 64-bit arithmetic.</summary>
    public static byte[] NpyCountOverflowsToZero() => Npy("(4294967296, 4294967296)");

    /// <summary>An .npy header that promises 80 GB of float64 in a file of 128 bytes.</summary>
    public static byte[] NpyHugeDeclaredShape() => Npy("(100000, 100000)", "<f8");

    /// <summary>A .npz whose member declares 4 GiB - 2 bytes.</summary>
    public static byte[] NpzMemberDeclares4GiB()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("x.npy", CompressionLevel.NoCompression).Open();
            s.Write(Npy("(2,)", "<f4"));
            s.Write(new byte[8]);
        }
        return PatchUncompressedSize(ms.ToArray(), "x.npy", _ => 0xFFFF_FFFE);
    }

    /// <summary>A .skeleton file declaring 2,147,483,647 bodies in its one frame.</summary>
    public static byte[] SkeletonHugeBodyCount() => Encoding.ASCII.GetBytes("1\n2147483647\n");

    /// <summary>A .skeleton file declaring 2,147,483,647 frames.</summary>
    public static byte[] SkeletonHugeFrameCount() => Encoding.ASCII.GetBytes("2147483647\n0\n0\n");

    /// <summary>A one-frame, one-body .skeleton file with <paramref name="value"/> as joint 3's y (line 7).</summary>
    public static byte[] SkeletonWithValue(string value)
    {
        const string joint = "0.2187721 0.1728091 3.78533 277.4326 191.3454 1036.841 519.2213 -0.2347787 0.00491998 0.9708757 -0.05022896 2";
        var lines = new List<string> { "1", "1", "72057594037931101 0 1 1 1 1 0 0.02764709 0.05745083 2", "25" };
        for (int j = 0; j < 25; j++) lines.Add(j == 2 ? joint.Replace("0.1728091", value) : joint);
        return Encoding.ASCII.GetBytes(string.Join("\n", lines) + "\n");
    }

    /// <summary>A two-frame PKU-MMD skeleton file with <paramref name="value"/> as the second frame's 5th value.</summary>
    public static byte[] PkuWithValue(string value)
    {
        string row = string.Join(" ", Enumerable.Range(0, 150).Select(i => (i * 0.01).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        var second = row.Split(' ');
        second[4] = value;
        return Encoding.ASCII.GetBytes(row + "\n" + string.Join(" ", second) + "\n");
    }

    // --- builders ---

    private static byte[] Npy(string shape, string descr = "<f4")
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = (10 + dict.Length + 1 + 63) / 64 * 64;
        var bytes = new byte[total];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)(total - 10));
        Encoding.ASCII.GetBytes(dict).CopyTo(bytes, 10);
        bytes.AsSpan(10 + dict.Length, total - 11 - dict.Length).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static byte[] SafeTensors(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    /// <summary>PROTO 2, an empty dict, and "w" → _rebuild_tensor_v2(storage '0' of 6 floats, 0, (2, 3), (3, 1), False, OrderedDict()) set in it.</summary>
    private static PickleBytes TorchPickleStart()
    {
        var p = new PickleBytes().Proto(2).EmptyDict().BinUnicode("w").Global("torch._utils", "_rebuild_tensor_v2").Mark();
        PersistentStorage(p);
        p.BinInt(0).Mark().BinInt(2).BinInt(3).Tuple().Mark().BinInt(3).BinInt(1).Tuple().NewFalse()
            .Global("collections", "OrderedDict").EmptyTuple().Reduce();
        return p.Tuple().Reduce().SetItem();
    }

    private static void PersistentStorage(PickleBytes p) =>
        p.Mark().BinUnicode("storage").Global("torch", "FloatStorage").BinUnicode("0").BinUnicode("cpu").BinInt(6).Tuple().BinPersId();

    private static byte[] TorchZip(byte[] pickle, bool deflate = false)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] data, bool compress = false)
            {
                using var s = zip.CreateEntry($"archive/{name}", compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression).Open();
                s.Write(data);
            }
            Add("data.pkl", pickle, deflate);
            Add("byteorder", "little"u8.ToArray());
            Add("data/0", Enumerable.Range(1, 6).SelectMany(i => BitConverter.GetBytes((float)i)).ToArray());
            Add("version", "3\n"u8.ToArray());
        }
        return ms.ToArray();
    }

    /// <summary>Rewrites an entry's uncompressed size in both its local header and its central-directory record.</summary>
    private static byte[] PatchUncompressedSize(byte[] zip, string entry, Func<uint, uint> size)
    {
        int local = IndexOfLocalHeader(zip, entry);
        uint old = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(local + 22));
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(local + 22), size(old));
        byte[] name = Encoding.UTF8.GetBytes(entry);
        for (int i = 0; i + 46 <= zip.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) != 0x02014b50) continue;
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28));
            if (!zip.AsSpan(i + 46, nameLength).SequenceEqual(name)) continue;
            BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size(old));
        }
        return zip;
    }

    private static int IndexOfLocalHeader(byte[] zip, string entry)
    {
        byte[] name = Encoding.UTF8.GetBytes(entry);
        for (int i = 0; i + 30 <= zip.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) != 0x04034b50) continue;
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 26));
            if (zip.AsSpan(i + 30, nameLength).SequenceEqual(name)) return i;
        }
        throw new InvalidOperationException($"no local header for {entry}");
    }
}
