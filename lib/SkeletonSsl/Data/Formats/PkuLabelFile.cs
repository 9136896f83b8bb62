namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Reads and writes PKU-MMD label files (spec/data.md §5.3): one instance per line,
/// <c>class,start,end,confidence</c>, separated by commas or spaces (the official evaluator accepts
/// both). An instance with start &gt; end is read with the two swapped, as every pipeline does.
/// </summary>
public static class PkuLabelFile
{
    public static IReadOnlyList<PkuActionInstance> Read(string path) => Parse(File.ReadAllBytes(path), path);

    public static IReadOnlyList<PkuActionInstance> Parse(ReadOnlySpan<byte> content, string file)
    {
        var reader = new Utf8LineReader(content, file, commas: true);
        var result = new List<PkuActionInstance>();
        while (reader.NextLine())
        {
            reader.ExpectTokens(4, "label");
            int cls = reader.ParseInt("class");
            int start = reader.ParseInt("start");
            int end = reader.ParseInt("end");
            int confidence = reader.ParseInt("confidence");
            if (cls < 1) throw reader.Error($"class ids start at 1, found {cls}", "class");
            if (start < 1) throw reader.Error($"frame numbers start at 1, found {start}", "start");
            if (end < 1) throw reader.Error($"frame numbers start at 1, found {end}", "end");
            if (start > end) (start, end) = (end, start);
            result.Add(new PkuActionInstance(cls, start, end, confidence));
        }
        return result;
    }

    /// <summary>Writes a label file atomically, comma-separated, one instance per line.</summary>
    public static void Write(string path, IEnumerable<PkuActionInstance> instances) =>
        AtomicFile.Write(path, s => Write(s, instances));

    public static void Write(Stream stream, IEnumerable<PkuActionInstance> instances)
    {
        using var w = new Utf8TextWriter(stream);
        foreach (var i in instances)
        {
            w.Write((long)i.Class); w.Separator((byte)',');
            w.Write((long)i.Start); w.Separator((byte)',');
            w.Write((long)i.End); w.Separator((byte)',');
            w.Write((long)i.Confidence);
            w.NewLine();
        }
    }
}
