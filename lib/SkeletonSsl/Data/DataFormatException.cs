namespace SkeletonSsl.Data;

/// <summary>
/// Bad input: a file that does not follow its format. The message always names the file and,
/// where known, the line (1-based) or the field, and says what was expected, on one line.
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
        return OneLine($"{where}: {problem}");
    }

    /// <summary>
    /// Messages quote what they found in the file (a header, a key, a token), and a hostile file can put
    /// line breaks or terminal escapes there: control characters are shown escaped, so that the error is
    /// always the one line the CLI promises, and nothing from the file drives the terminal.
    /// </summary>
    private static string OneLine(string message)
    {
        if (!message.Any(char.IsControl)) return message;
        var sb = new System.Text.StringBuilder(message.Length + 16);
        foreach (char c in message)
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        return sb.ToString();
    }
}
