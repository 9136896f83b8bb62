namespace SkeletonSsl.Experiments;

/// <summary>
/// The lock that keeps two processes (or two threads) from training, or evaluating, the same run folder at
/// once: <c>run.lock</c> in the folder, opened exclusively (FileShare.None: an OS file lock, flock on Unix),
/// so the OS releases it when its holder exits, even by kill -9. The second comer waits, then finds the
/// first one's finished result and reuses it. The file itself stays: deleting it on release would let a
/// third process lock a new file while a second still holds the old one.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = "run.lock";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly FileStream _stream;

    private RunLock(string directory, FileStream stream) => (Directory, _stream) = (directory, stream);

    /// <summary>The locked run folder.</summary>
    public string Directory { get; }

    /// <summary>
    /// Locks <paramref name="runDirectory"/> (created if absent), waiting while another holder has it;
    /// <paramref name="log"/> hears once that it waits.
    /// </summary>
    public static RunLock Acquire(string runDirectory, Action<string>? log = null, CancellationToken cancellation = default)
    {
        System.IO.Directory.CreateDirectory(runDirectory);
        bool told = false;
        while (true)
        {
            if (TryAcquire(runDirectory) is { } held) return held;
            if (!told)
            {
                log?.Invoke($"  waiting for the other process working in {runDirectory} to finish");
                told = true;
            }
            cancellation.WaitHandle.WaitOne(Poll);
            cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The lock, or null at once when another holder has it.</summary>
    public static RunLock? TryAcquire(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        try
        {
            return new RunLock(runDirectory, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException) && File.Exists(path))
        {
            return null;                                          // a sharing violation: someone holds it
        }
    }

    /// <summary>
    /// Whether someone holds the folder's lock now: true, false, or null when the folder has no lock file
    /// (a run of an older kit, or none at all) and so cannot tell.
    /// </summary>
    public static bool? IsHeld(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();
}
