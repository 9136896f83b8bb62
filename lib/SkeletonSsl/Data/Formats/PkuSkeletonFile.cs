namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Reads and writes PKU-MMD skeleton files (spec/data.md §5.2): one line per frame, 150
/// space-separated floats, a trailing space allowed, LF or CRLF, no header. A blank line inside the
/// file is an error, because frame numbers are line numbers (the label files refer to them).
/// </summary>
public static class PkuSkeletonFile
{
    public static PkuSkeleton Read(string path, SkeletonTextOptions? options = null) => Parse(File.ReadAllBytes(path), path, options);

    /// <summary>Parses a file's content; non-finite values are refused unless <paramref name="options"/> keeps them.</summary>
    public static PkuSkeleton Parse(ReadOnlySpan<byte> content, string file, SkeletonTextOptions? options = null)
    {
        var finite = new NonFiniteCheck(options);
        const int width = PkuSkeleton.ValuesPerFrame;
        var reader = new Utf8LineReader(content, file);
        // About 10 bytes per value: a good first guess of the frame count.
        var values = new float[Math.Max(width, content.Length / 9 / width * width + width)];
        int frames = 0;
        while (reader.NextLine())
        {
            if (reader.Line != frames + 1)
                throw new DataFormatException(file, $"blank line: frame {frames + 1} must be on line {frames + 1}", frames + 1, "frame");
            if (values.Length < (frames + 1) * width) Array.Resize(ref values, values.Length * 2);
            var row = values.AsSpan(frames * width, width);
            for (int i = 0; i < width; i++)
            {
                if (!reader.TryParseFloat(out row[i], out var token))
                    throw reader.FloatError(token, $"person {i / 75 + 1} joint {i % 75 / 3 + 1} {"xyz"[i % 3]}");
                if (!float.IsFinite(row[i])) finite.Check(row[i], ref reader, $"person {i / 75 + 1} joint {i % 75 / 3 + 1} {"xyz"[i % 3]}");
            }
            reader.ExpectLineEnd(width, "frame");
            frames++;
        }
        Array.Resize(ref values, frames * width);
        finite.Finish(file);
        return new PkuSkeleton(values, frames);
    }

    /// <summary>Writes a skeleton file atomically (single spaces, shortest round-trip floats, LF).</summary>
    public static void Write(string path, PkuSkeleton skeleton) => AtomicFile.Write(path, s => Write(s, skeleton));

    public static void Write(Stream stream, PkuSkeleton skeleton)
    {
        if (skeleton.Values.Length != skeleton.FrameCount * PkuSkeleton.ValuesPerFrame)
            throw new ArgumentException($"{skeleton.FrameCount} frames need {skeleton.FrameCount * PkuSkeleton.ValuesPerFrame} values, got {skeleton.Values.Length}", nameof(skeleton));
        using var w = new Utf8TextWriter(stream);
        for (int f = 0; f < skeleton.FrameCount; f++)
        {
            var row = skeleton.Frame(f);
            for (int i = 0; i < row.Length; i++)
            {
                if (i > 0) w.Space();
                w.Write(row[i]);
            }
            w.NewLine();
        }
    }
}
