namespace SkeletonSsl.Data.Formats;

/// <summary>Writes a file atomically: into "&lt;path&gt;.tmp-&lt;pid&gt;", then a rename over the target.</summary>
public static class AtomicFile
{
    /// <summary>Writes text as UTF-8 without a byte-order mark (as File.WriteAllText does), atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>Creates the parent folder if needed, lets <paramref name="write"/> fill a temporary file, then renames it over the target.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        string tmp = $"{path}.tmp-{Environment.ProcessId}";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { }
            throw;
        }
    }
}
