using System.IO.Compression;
using System.Text;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Training.Checkpoints;
using static TorchSharp.torch;

namespace SkeletonSsl.Cli.Fuzz;

/// <summary>
/// Every reader of the kit as a <see cref="FuzzTarget"/>: .skeleton, PKU-MMD skeleton and label text,
/// .npy, .npz, label .pkl (and the general restricted unpickler), torch.save .pt zips, safetensors, and
/// the prepared store's manifest (opened and loaded with the store's files). Seeds are written by the
/// kit's own writers, or built by hand where the kit has none (.pt), so no binary is committed.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The format names, in the order <c>--format all</c> runs them.</summary>
    public static readonly IReadOnlyList<string> Names = ["skeleton", "pku", "pku-labels", "npy", "npz", "pkl", "pt", "safetensors", "manifest"];

    /// <summary>The target for <paramref name="name"/>; seeds that need files are written under <paramref name="scratch"/>.</summary>
    public static FuzzTarget Create(string name, string scratch) => name switch
    {
        "skeleton" => new(name, [NtuSeed(bodies: 1), NtuSeed(bodies: 2)], (b, _) => NtuSkeletonReader.Parse(b, "fuzz.skeleton")),
        "pku" => new(name, [PkuSeed()], (b, _) => PkuSkeletonFile.Parse(b, "fuzz-skeleton.txt")),
        "pku-labels" => new(name, [Encoding.ASCII.GetBytes("1,1,30,1\n12,31,80,2\n51 81 95 1\n")], (b, _) => PkuLabelFile.Parse(b, "fuzz-label.txt")),
        "npy" => new(name, NpySeeds(), ReadNpy),
        "npz" => new(name, NpzSeeds(scratch), ReadNpz),
        "pkl" => new(name, PickleSeeds(), ReadPickle),
        "pt" => new(name, [TorchZipSeed.Build(deflate: false), TorchZipSeed.Build(deflate: true)], ReadTorch),
        "safetensors" => new(name, [SafeTensorsSeed(scratch)], ReadSafeTensors),
        "manifest" => ManifestTarget(scratch),
        _ => throw new UsageException($"--format '{name}': expected one of {string.Join(", ", Names)} or all"),
    };

    private static byte[] NtuSeed(int bodies)
    {
        var rng = new Random(bodies);
        var frames = Enumerable.Range(0, 2).Select(_ => new NtuFrame(Enumerable.Range(0, bodies).Select(b => new NtuBody(
            72057594037927936UL + (ulong)b, new NtuBodyInfo(0, 1, 1, 1, 1, 0, 0.25f, -0.5f, 2),
            Enumerable.Range(0, NtuSkeletonReader.JointCount * NtuBody.ValuesPerJoint).Select(_ => (float)Math.Round(rng.NextDouble() * 4 - 2, 5)).ToArray())).ToArray()));
        using var ms = new MemoryStream();
        NtuSkeletonWriter.Write(ms, new NtuSkeletonSequence(frames.ToArray()), crlf: bodies == 2);
        return ms.ToArray();
    }

    private static byte[] PkuSeed()
    {
        var values = Enumerable.Range(0, 3 * PkuSkeleton.ValuesPerFrame).Select(i => (float)Math.Round(Math.Sin(i) * 1.5, 4)).ToArray();
        using var ms = new MemoryStream();
        PkuSkeletonFile.Write(ms, new PkuSkeleton(values, 3));
        return ms.ToArray();
    }

    private static byte[][] NpySeeds()
    {
        static byte[] Write(Action<Stream> write)
        {
            using var ms = new MemoryStream();
            write(ms);
            return ms.ToArray();
        }
        var fortran = Write(s => Npy.Write(s, new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3));
        // The same bytes read as Fortran order: the header says so.
        string text = Encoding.Latin1.GetString(fortran).Replace("'fortran_order': False", "'fortran_order': True ");
        return
        [
            Write(s => Npy.Write(s, Enumerable.Range(0, 12).Select(i => i * 0.5f).ToArray(), 2, 3, 2)),
            Write(s => Npy.Write(s, new long[] { 3, 1, 4, 1, 5 }, 5)),
            Write(s => Npy.Write(s, new[] { true, false, true }, 3)),
            Encoding.Latin1.GetBytes(text),
        ];
    }

    private static void ReadNpy(byte[] input, string _)
    {
        using (var s = new MemoryStream(input, writable: false)) Npy.ReadHeader(s, "fuzz.npy");
        using (var s = new MemoryStream(input, writable: false)) Npy.Read(s, "fuzz.npy");
        using (var s = new MemoryStream(input, writable: false)) Npy.ReadTensor(s, "fuzz.npy").Dispose();
    }

    private static byte[][] NpzSeeds(string scratch)
    {
        string written = Path.Combine(scratch, "seed.npz");
        Npz.Write(written, new Dictionary<string, NpyArray>
        {
            ["x"] = new(NpyElementType.Float32, [2, 3], new float[] { 1, 2, 3, 4, 5, 6 }),
            ["y"] = new(NpyElementType.Int64, [2], new long[] { 0, 1 }),
        });
        // np.savez (stored) and np.savez_compressed (deflated), re-zipped with a fixed timestamp:
        // the writer stamps the current time, and seeds must not change from run to run.
        return [Rezip(written, CompressionLevel.NoCompression), Rezip(written, CompressionLevel.Optimal)];
    }

    /// <summary>A midnight in 2020: the timestamp every seed zip entry carries.</summary>
    internal static readonly DateTimeOffset SeedTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static byte[] Rezip(string path, CompressionLevel level)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var source = ZipFile.OpenRead(path))
            foreach (var entry in source.Entries)
            {
                var copy = zip.CreateEntry(entry.FullName, level);
                copy.LastWriteTime = SeedTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        return ms.ToArray();
    }

    private static void ReadNpz(byte[] input, string scratch)
    {
        string path = Path.Combine(scratch, "fuzz.npz");
        File.WriteAllBytes(path, input);
        foreach (var member in Npz.List(path))
        {
            Npz.Read(path, member.Key);
            Npz.ReadTensor(path, member.Key).Dispose();
        }
    }

    private static byte[][] PickleSeeds()
    {
        using var labels = new MemoryStream();
        LabelPickle.Write(labels, ["S001C001P001R001A001", "S001C001P002R001A013", "S001C001P002R001A013"], [0, 12, 12]);
        return [labels.ToArray(), MixedPickle()];
    }

    /// <summary>
    /// Protocol 4 with most opcodes the unpickler knows: FRAME, MEMOIZE/BINGET, a dict with a tuple key,
    /// a list built by APPENDS, floats, big and small ints, bytes, None/True/False and an OrderedDict.
    /// </summary>
    private static byte[] MixedPickle()
    {
        var p = new List<byte> { 0x80, 4, 0x95, 0, 0, 0, 0, 0, 0, 0, 0 };
        void Op(params byte[] b) => p.AddRange(b);
        void Short(string s) { var b = Encoding.UTF8.GetBytes(s); Op(0x8c, (byte)b.Length); p.AddRange(b); }
        Op((byte)'}', 0x94, (byte)'(');                                   // EMPTY_DICT MEMOIZE MARK
        Short("names"); Op(0x94, (byte)']', 0x94, (byte)'(');              // "names": [ ... ]
        Short("a"); Op(0x94); Short("b"); Op((byte)'h', 3, (byte)'e');     // ["a", "b", "a"]: APPENDS, "a" again via BINGET
        Short("k"); Op((byte)'K', 1, 0x86);                                 // key ("k", 1) →
        Op((byte)'G', 0x3F, 0xF8, 0, 0, 0, 0, 0, 0);                        //   (1.5,
        Op((byte)'J', 0xFF, 0xFF, 0xFF, 0x7F);                              //    2^31 - 1,
        Op(0x8a, 9, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x87);                       //    2^64 + 1)
        Short("flags"); Op((byte)'N', 0x88, 0x89, 0x87);                    // "flags": (None, True, False)
        Op((byte)'C', 2, 0xDE, 0xAD, (byte)'0');                            // bytes, popped again
        Short("od"); Op((byte)'c'); p.AddRange(Encoding.ASCII.GetBytes("collections\nOrderedDict\n")); Op((byte)')', (byte)'R');
        Op((byte)'u', (byte)'.');                                           // SETITEMS STOP
        return p.ToArray();
    }

    private static void ReadPickle(byte[] input, string _)
    {
        // What 'data inspect' does with a .pkl: the label-file reader, then the general structure.
        var allow = LabelPickle.Allowlist();
        allow.Add(PickleAllowlist.OrderedDict);
        var root = new Unpickler(allow).Load(input, "fuzz.pkl");
        PickleStructure.Describe(root);
        // Most mutants are pickles of something else: the label reader refusing them is expected.
        try { LabelPickle.Parse(input, "fuzz.pkl"); }
        catch (DataFormatException) { }
    }

    private static void ReadTorch(byte[] input, string scratch)
    {
        string path = Path.Combine(scratch, "fuzz.pt");
        File.WriteAllBytes(path, input);
        foreach (var node in PickleGraph.Distinct(PyTorchCheckpoint.Load(path)))
            if (node is Tensor t) t.Dispose();
        foreach (var t in CheckpointFile.ReadTensors(path).Values) t.Dispose();
    }

    private static byte[] SafeTensorsSeed(string scratch)
    {
        string path = Path.Combine(scratch, "seed.safetensors");
        using var w = arange(6, dtype: float32).reshape(2, 3);
        using var b = tensor(new long[] { 7, 8 });
        using var h = ones(3, dtype: float16);
        SafeTensors.Write(path, [new("w", w), new("b", b), new("h", h)], new Dictionary<string, string> { ["format"] = "pt" });
        return File.ReadAllBytes(path);
    }

    private static void ReadSafeTensors(byte[] input, string scratch)
    {
        string path = Path.Combine(scratch, "fuzz.safetensors");
        File.WriteAllBytes(path, input);
        foreach (var t in SafeTensors.Read(path).Tensors.Values) t.Dispose();
    }

    /// <summary>A two-clip store whose manifest is mutated; each case opens the store, loads every part and verifies it.</summary>
    private static FuzzTarget ManifestTarget(string scratch)
    {
        string store = Path.Combine(scratch, "store");
        using (var writer = new PreparedStoreWriter(store))
        {
            using var data = arange(2 * 3 * 4 * 25 * 2, dtype: float32).reshape(2, 3, 4, 25, 2);
            writer.AddPart("xsub", "train", data, [0, 1], ["S001C001P001R001A001", "S001C001P001R001A002"], 2, numFrames: [3, 4]);
            using var one = data.narrow(0, 0, 1);
            writer.AddPart("xsub", "val", one, [1], ["S001C001P003R001A002"], 2, numFrames: [4]);
            writer.Commit("ntu60", "cmd", "1", ["A001", "A002"], 4,
                new PreparedProvenance("fuzz", DateTimeOffset.UnixEpoch, "fuzz seed", new Dictionary<string, string> { ["k"] = "v" }, 3,
                    [new SkippedSample("S001C001P001R001A003", "zero length")]));
        }
        string manifest = Path.Combine(store, PreparedManifest.FileName);
        return new FuzzTarget("manifest", [File.ReadAllBytes(manifest)], (input, _) =>
        {
            File.WriteAllBytes(manifest, input);
            var opened = PreparedStore.Open(store);
            foreach (var split in opened.Manifest.Splits)
                foreach (var part in split.Parts)
                {
                    opened.Load(split.Name, part.Name).Dispose();
                    opened.LoadFrameCounts(split.Name, part.Name);
                }
            opened.Verify();
        });
    }
}
