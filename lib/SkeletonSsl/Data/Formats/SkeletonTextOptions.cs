namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Options of the text skeleton readers (NTU <c>.skeleton</c>, PKU-MMD skeleton <c>.txt</c>). By default a
/// coordinate that is NaN or infinite (written as <c>nan</c>, <c>Infinity</c>, or a number beyond float32
/// such as <c>1e39</c>) is a <see cref="DataFormatException"/> naming the file and line: it would
/// otherwise flow into the prepared store and poison every batch it lands in.
/// </summary>
public sealed record SkeletonTextOptions
{
    /// <summary>The readers' defaults: non-finite values refused.</summary>
    public static SkeletonTextOptions Default { get; } = new();

    /// <summary>Keep non-finite values (CLI <c>--allow-non-finite</c>); each file that has any is reported once through <see cref="Warn"/>.</summary>
    public bool AllowNonFinite { get; init; }

    /// <summary>Receives one line per file whose non-finite values were kept.</summary>
    public Action<string>? Warn { get; init; }
}
