using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Atomic writes of files and folders, so that a kill at any moment leaves either the old or the new
/// complete version. A file is written into "&lt;path&gt;.tmp-&lt;pid&gt;", then renamed over the target;
/// a folder is built in the sibling "&lt;dir&gt;.tmp-&lt;pid&gt;", swapped with the old one and the old one
/// removed last (<see cref="ReplaceFolder"/>). The writer's process id in the name is what lets a later
/// start tell leftovers of a killed process from work in progress (<see cref="RemoveStale"/>).
/// </summary>
public static class AtomicFile
{
    private const string TempMarker = ".tmp-";
    private const string OldMarker = ".old-";

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
        string tmp = TempPath(path);
        try
        {
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            // A failed write (a full disk above all) must not leave its partial file taking the space.
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>The temporary name this process writes <paramref name="path"/> under: "&lt;path&gt;.tmp-&lt;pid&gt;".</summary>
    public static string TempPath(string path) => $"{path}{TempMarker}{Environment.ProcessId}";

    /// <summary>
    /// Builds a folder atomically: <paramref name="fill"/> writes the new version into a staging folder
    /// (<see cref="StageFolder"/>), which then replaces <paramref name="final"/> (<see cref="ReplaceFolder"/>).
    /// When <paramref name="fill"/> fails the staging folder is removed and the old version stays untouched.
    /// </summary>
    public static T WriteFolder<T>(string final, Func<string, T> fill)
    {
        string staged = StageFolder(final);
        try
        {
            var result = fill(staged);
            ReplaceFolder(staged, final);
            return result;
        }
        catch
        {
            try { if (Directory.Exists(staged)) Directory.Delete(staged, recursive: true); }
            catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>
    /// An empty staging folder beside <paramref name="final"/> ("&lt;final&gt;.tmp-&lt;pid&gt;") to build the new
    /// version in. Leftovers of processes that ended are dealt with first (<see cref="RemoveStale"/>), and so is
    /// a staging folder an earlier failed attempt of this process left.
    /// </summary>
    public static string StageFolder(string final)
    {
        final = Normalise(final);
        string? parent = Path.GetDirectoryName(final);
        if (parent is not null)
        {
            Directory.CreateDirectory(parent);
            RemoveStale(parent, Path.GetFileName(final));
        }
        string staged = TempPath(final);
        if (Directory.Exists(staged)) Directory.Delete(staged, recursive: true);
        Directory.CreateDirectory(staged);
        return staged;
    }

    /// <summary>
    /// Puts the complete folder <paramref name="staged"/> in place of <paramref name="final"/>. When
    /// <paramref name="final"/> exists the two are exchanged in one rename (Linux renameat2 RENAME_EXCHANGE) and
    /// the old version is deleted last; where that call is missing, the old folder is renamed aside first,
    /// and <see cref="RemoveStale"/> puts it back if a kill came between the two renames.
    /// </summary>
    public static void ReplaceFolder(string staged, string final) => ReplaceFolder(staged, final, exchange: true);

    /// <summary><see cref="ReplaceFolder(string, string)"/>; without <paramref name="exchange"/>, the fallback (for tests on Linux).</summary>
    internal static void ReplaceFolder(string staged, string final, bool exchange)
    {
        staged = Normalise(staged);
        final = Normalise(final);
        if (File.Exists(final)) throw new IOException($"{final}: a file is in the way of the folder to write");
        if (!Directory.Exists(final))
        {
            Directory.Move(staged, final);
            return;
        }
        if (exchange && TryExchange(staged, final))
        {
            Directory.Delete(staged, recursive: true);          // now the old version
            return;
        }
        string old = $"{final}{OldMarker}{Environment.ProcessId}";
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        Directory.Move(final, old);
        Directory.Move(staged, final);
        Directory.Delete(old, recursive: true);
    }

    /// <summary>
    /// Removes what killed writers left in <paramref name="directory"/>: entries named "&lt;name&gt;.tmp-&lt;pid&gt;"
    /// (partial files and staging folders) and "&lt;name&gt;.old-&lt;pid&gt;" (a replaced folder), for a process id
    /// that is no longer running (a live writer's work in progress is never touched, this process's included).
    /// An old folder whose replacement never arrived is renamed back instead. With
    /// <paramref name="name"/>, only the leftovers of that one entry. Returns how many entries were dealt with.
    /// </summary>
    public static int RemoveStale(string directory, string? name = null)
    {
        if (!Directory.Exists(directory)) return 0;
        int count = 0;
        foreach (string path in Directory.EnumerateFileSystemEntries(directory, (name ?? "*") + ".*-*"))
        {
            if (!TryParseLeftover(Path.GetFileName(path), out string target, out bool old, out int pid)) continue;
            if (name is not null && target != name) continue;
            if (IsRunning(pid)) continue;
            string final = Path.Combine(directory, target);
            try
            {
                if (old && Directory.Exists(path) && !Directory.Exists(final)) Directory.Move(path, final);
                else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else File.Delete(path);
                count++;
            }
            catch (IOException) { }                             // another process got there first
            catch (UnauthorizedAccessException) { }
        }
        return count;
    }

    /// <summary>True for "&lt;name&gt;.tmp-&lt;pid&gt;" and "&lt;name&gt;.old-&lt;pid&gt;"; gives the name and the writer's pid.</summary>
    public static bool TryParseLeftover(string fileName, out string target, out bool old, out int pid)
    {
        (target, old, pid) = ("", false, 0);
        int at = Math.Max(fileName.LastIndexOf(TempMarker, StringComparison.Ordinal), fileName.LastIndexOf(OldMarker, StringComparison.Ordinal));
        if (at <= 0) return false;
        string digits = fileName[(at + TempMarker.Length)..];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out pid))
            return false;
        target = fileName[..at];
        old = string.CompareOrdinal(fileName, at, OldMarker, 0, OldMarker.Length) == 0;
        return true;
    }

    /// <summary>Whether a process with this id is running (an ended one, or one never started, is not).</summary>
    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Normalise(string path) => Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    /// <summary>Swaps two folders in one rename (Linux renameat2 RENAME_EXCHANGE); false where that call is missing or refused.</summary>
    internal static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;                                        // a libc without renameat2 (glibc < 2.28, musl < 1.2.?)
        }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
                                        int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
