namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Applies <see cref="SkeletonTextOptions.AllowNonFinite"/> while one file is read: refuses the first
/// non-finite value, or counts them and warns once at the end.
/// </summary>
internal sealed class NonFiniteCheck(SkeletonTextOptions? options)
{
    private readonly SkeletonTextOptions _options = options ?? SkeletonTextOptions.Default;
    private int _count;
    private int _firstLine;

    /// <summary>Checks a parsed value on the reader's current line.</summary>
    public void Check(float value, ref Utf8LineReader reader, string field)
    {
        if (float.IsFinite(value)) return;
        if (!_options.AllowNonFinite)
            throw reader.Error($"expected a finite number, found {value} (pass --allow-non-finite to keep such values)", field);
        if (_count++ == 0) _firstLine = reader.Line;
    }

    /// <summary>Reports the kept values of <paramref name="file"/>, if any.</summary>
    public void Finish(string file)
    {
        if (_count > 0)
            _options.Warn?.Invoke($"warning: {file}:{_firstLine}: {_count} non-finite value{(_count == 1 ? "" : "s")} kept (--allow-non-finite)");
    }
}
