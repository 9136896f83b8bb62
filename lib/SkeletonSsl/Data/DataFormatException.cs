namespace SkeletonSsl.Data;

/// <summary>
/// Bad input: a file that does not follow its format. The message always names the file and,
/// where known, the line (1-based) or the field, and says what was expected.
/// </summary>
public sealed class DataFormatException : Exception
{
    public string File { get; }
    public int? Line { get; }
    public string? Field { get; }

    public DataFormatException(string file, string problem, int? line = null, string? field = null, Exception? inner = null)
        : base(Compose(file, problem, line, field), inner)
    {
        File = file;
        Line = line;
        Field = field;
    }

    private static string Compose(string file, string problem, int? line, string? field)
    {
        string where = file;
        if (line is { } l) where += $":{l}";
        if (field is { Length: > 0 } f) where += $" [{f}]";
        return $"{where}: {problem}";
    }
}
