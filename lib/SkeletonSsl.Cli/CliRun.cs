using SkeletonSsl.Data;

namespace SkeletonSsl.Cli;

/// <summary>
/// Runs a command body with the CLI's error contract: bad input (a missing file, a malformed
/// record, an invalid option value) prints one line on stderr naming the file and what was
/// expected, and exits with code 2; a bug still shows its stack trace.
/// </summary>
public static class CliRun
{
    public const int BadInput = 2;

    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException
                                      or InvalidDataException or ArgumentException or UsageException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    public static Task<int> GuardAsync(Func<Task<int>> body) => Task.FromResult(Guard(() => body().GetAwaiter().GetResult()));
}

/// <summary>A command used wrongly (conflicting or missing options); reported as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
