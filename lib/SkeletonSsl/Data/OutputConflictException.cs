namespace SkeletonSsl.Data;

/// <summary>
/// Something the user has is in the way of an output (a file where a folder goes, a folder the kit did
/// not write, an output inside the input): the write is refused before anything is touched. An
/// <see cref="IOException"/>, so callers that report I/O problems report this one the same way.
/// </summary>
public sealed class OutputConflictException(string path, string problem) : IOException($"{path}: {problem}")
{
    /// <summary>The output path that was refused.</summary>
    public string Path { get; } = path;
}
