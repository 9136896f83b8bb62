namespace SkeletonSsl.Data.Formats;

/// <summary>
/// The label <c>.pkl</c> of the ST-GCN / AimCLR / CMD / PCM3 pipelines (spec/data.md §4, §6.3): a
/// pickled 2-tuple <c>(sample names, labels)</c> of two equally long lists. Labels may be Python ints
/// or NumPy scalars (CMD/PCM3 PKU files hold float64 values <c>class - 1</c>); both become long.
/// Read through the restricted <see cref="Unpickler"/>: no code runs.
/// </summary>
public static class LabelPickle
{
    /// <summary>The globals a label file may use: NumPy scalars and dtypes, and protocol 2's bytes encoding.</summary>
    public static PickleAllowlist Allowlist()
    {
        var allow = new PickleAllowlist();
        allow.AddRange(NumpyScalarGlobals.All());
        return allow;
    }

    /// <summary>Reads a label file.</summary>
    public static (string[] Names, long[] Labels) Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses the bytes of a label file; <paramref name="file"/> names it in errors.</summary>
    public static (string[] Names, long[] Labels) Parse(ReadOnlySpan<byte> data, string file)
    {
        var root = new Unpickler(Allowlist()).Load(data, file);
        return FromObject(root, file);
    }

    /// <summary>Interprets an unpickled value as (names, labels).</summary>
    internal static (string[] Names, long[] Labels) FromObject(object? root, string file)
    {
        var pair = root switch
        {
            object?[] { Length: 2 } t => t,
            List<object?> { Count: 2 } l => l.ToArray(),
            _ => throw new DataFormatException(file, $"expected a pickled 2-tuple (names, labels), found {Kind(root)}", field: "root"),
        };
        if (pair[0] is not List<object?> names) throw new DataFormatException(file, $"expected a list of sample names first, found {Kind(pair[0])}", field: "names");
        if (pair[1] is not List<object?> labels) throw new DataFormatException(file, $"expected a list of labels second, found {Kind(pair[1])}", field: "labels");
        if (names.Count != labels.Count)
            throw new DataFormatException(file, $"{names.Count} names but {labels.Count} labels: the lists must be equally long", field: "labels");
        var outNames = new string[names.Count];
        var outLabels = new long[labels.Count];
        for (int i = 0; i < names.Count; i++)
        {
            outNames[i] = names[i] as string
                ?? throw new DataFormatException(file, $"expected a string, found {Kind(names[i])}", field: $"names[{i}]");
            outLabels[i] = labels[i] switch
            {
                long l => l,
                bool b => b ? 1 : 0,
                double d when d == Math.Floor(d) && Math.Abs(d) < 1L << 53 => (long)d,
                _ => throw new DataFormatException(file, $"expected an integral label, found {Kind(labels[i])} {labels[i]}", field: $"labels[{i}]"),
            };
        }
        return (outNames, outLabels);
    }

    /// <summary>Writes a label file (protocol 2, as spec/data.md §6.3 describes the kit's writer), atomically.</summary>
    public static void Write(string path, IReadOnlyList<string> names, IReadOnlyList<long> labels) =>
        AtomicFile.Write(path, s => Write(s, names, labels));

    /// <summary>Writes a label pickle to an open stream.</summary>
    public static void Write(Stream stream, IReadOnlyList<string> names, IReadOnlyList<long> labels)
    {
        if (names.Count != labels.Count)
            throw new ArgumentException($"{names.Count} names but {labels.Count} labels: the lists must be equally long");
        var w = new PickleWriter(stream);
        w.Proto2();
        w.Value(new object?[] { names.Cast<object?>().ToList(), labels.Select(l => (object?)l).ToList() });
        w.Stop();
    }

    private static string Kind(object? o) => o switch
    {
        null => "None",
        List<object?> => "a list",
        object?[] t => $"a {t.Length}-tuple",
        _ => o.GetType().Name,
    };
}
