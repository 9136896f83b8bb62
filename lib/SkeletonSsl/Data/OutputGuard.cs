namespace SkeletonSsl.Data;

/// <summary>
/// The rule every command that writes a folder or a file a user names follows: never destroy what the
/// user has. An existing output is replaced only when it is recognisably the kit's own finished output of
/// the same kind (each writer passes its recogniser, e.g. a prepared store's manifest listing every file),
/// or when the caller forces it; a file where a folder goes, and an output overlapping the input, are
/// refused even then. Checks run before any work, so a refusal costs nothing.
/// </summary>
public static class OutputGuard
{
    /// <summary>
    /// Refuses <paramref name="path"/> as an output folder when a file is there, or when it is a non-empty
    /// folder that <paramref name="isOwn"/> does not recognise and <paramref name="force"/> is false.
    /// </summary>
    /// <param name="what">What the folder should hold, for the message (e.g. "a synthetic set").</param>
    /// <param name="canForce">Whether the caller offers --force (the message then mentions it).</param>
    /// <exception cref="OutputConflictException">The folder may not be written.</exception>
    public static void Folder(string path, string what, Func<string, bool> isOwn, bool force, bool canForce = true)
    {
        if (System.IO.File.Exists(path)) throw new OutputConflictException(path, $"is a file; the output must be a folder ({what})");
        if (force || !Directory.Exists(path) || !Directory.EnumerateFileSystemEntries(path).Any()) return;
        if (!isOwn(path))
            throw new OutputConflictException(path, $"the folder exists and is not {what} written by the kit; choose another folder" +
                                                    (canForce ? " or pass --force to replace it" : " (or empty this one yourself)"));
    }

    /// <summary>
    /// Refuses <paramref name="path"/> as an output file when a folder is there, when it is the input, or
    /// when a file is there that <paramref name="isOwn"/> (null: nothing) does not recognise and
    /// <paramref name="force"/> is false.
    /// </summary>
    /// <exception cref="OutputConflictException">The file may not be written.</exception>
    public static void File(string path, string what, Func<string, bool>? isOwn, bool force, params string?[] inputs)
    {
        if (Directory.Exists(path)) throw new OutputConflictException(path, $"is a folder; the output must be a file ({what})");
        foreach (string? input in inputs)
            if (input is not null && SamePath(input, path))
                throw new OutputConflictException(path, $"is also an input of the command; write {what} to another file");
        if (force || !System.IO.File.Exists(path) || (isOwn?.Invoke(path) ?? false)) return;
        throw new OutputConflictException(path, $"the file exists and is not {what} written by the kit; choose another name or pass --force to replace it");
    }

    /// <summary>Refuses an output folder equal to, inside, or holding an input folder (replacing it would delete the input).</summary>
    /// <exception cref="OutputConflictException">The two overlap.</exception>
    public static void Disjoint(string input, string output, string inputName, string outputName)
    {
        string i = Full(input), o = Full(output);
        if (i == o) throw new OutputConflictException(output, $"{outputName} is the same folder as {inputName}; writing it would replace the input");
        if (o.StartsWith(i + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new OutputConflictException(output, $"{outputName} is inside {inputName} ({input}); choose a folder outside the input");
        if (i.StartsWith(o + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new OutputConflictException(output, $"{outputName} holds {inputName} ({input}); replacing it would delete the input");
    }

    /// <summary>Whether two paths name the same file or folder (after making them absolute).</summary>
    public static bool SamePath(string a, string b) => Full(a) == Full(b);

    // Absolute, and through a symbolic link at the end, so that a link to the input is seen as the input.
    private static string Full(string path)
    {
        string full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
        try
        {
            FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
            return info.LinkTarget is null ? full : Full(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full);
        }
        catch (IOException)
        {
            return full;                                          // a broken or cyclic link: compare it as written
        }
    }
}
