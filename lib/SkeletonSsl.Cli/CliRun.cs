using System.Reflection;
using System.Text.Json;
using SkeletonSsl.Data;
using SkeletonSsl.Training;

namespace SkeletonSsl.Cli;

/// <summary>
/// The CLI's error contract. Every failure a user can cause (a missing or malformed file, a bad option
/// value, a full disk, an existing file in the way, no permission, a non-finite loss, a checkpoint that
/// does not fit) prints one line on stderr naming the file (and line or field) and what was expected, and
/// exits with <see cref="BadInput"/>. Anything else is a bug in the kit: one line, a pointer to report it,
/// exit <see cref="Bug"/>; the stack trace only with <c>--verbose</c> or <see cref="VerboseVariable"/>=1.
/// </summary>
public static class CliRun
{
    /// <summary>An internal error: a bug in the kit.</summary>
    public const int Bug = 1;

    /// <summary>Bad input or environment: something the user can fix.</summary>
    public const int BadInput = 2;

    /// <summary>The environment variable that, set to 1 or true, adds stack traces to internal errors.</summary>
    public const string VerboseVariable = "SKELETONSSL_VERBOSE";

    // Set per invocation by Program.Run from --verbose; async-local so that in-process runs (the tests)
    // never see one another's setting.
    private static readonly AsyncLocal<bool> VerboseOption = new();

    /// <summary>Whether internal errors print their stack trace.</summary>
    public static bool Verbose =>
        VerboseOption.Value || Environment.GetEnvironmentVariable(VerboseVariable) is "1" or "true" or "TRUE" or "True";

    /// <summary>Runs a command body under the contract: its exit code, or the code of its failure after reporting it.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    public static Task<int> GuardAsync(Func<Task<int>> body) => Task.FromResult(Guard(() => body().GetAwaiter().GetResult()));

    /// <summary>Prints the one line of <paramref name="e"/> (and its stack trace when verbose and a bug); returns the exit code.</summary>
    public static int Report(Exception e)
    {
        var cause = Cause(e);
        if (IsUserError(cause))
        {
            Console.Error.WriteLine($"error: {OneLine(Describe(cause))}");
            return BadInput;
        }
        Console.Error.WriteLine($"internal error: {cause.GetType().Name}: {OneLine(cause.Message)} " +
                                $"(a bug in SkeletonSsl: please report it with the command line and this message; " +
                                $"run with --verbose or {VerboseVariable}=1 for the stack trace)");
        if (Verbose) Console.Error.WriteLine(e);
        return Bug;
    }

    /// <summary>Runs <paramref name="body"/> with --verbose set as given.</summary>
    internal static T WithVerbose<T>(bool verbose, Func<T> body)
    {
        bool previous = VerboseOption.Value;
        VerboseOption.Value = verbose;
        try { return body(); }
        finally { VerboseOption.Value = previous; }
    }

    /// <summary>Text on one line: the contract promises one line per error, and some messages carry line breaks.</summary>
    public static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The failure to classify: parallel loops and reflection wrap the exception that matters.</summary>
    private static Exception Cause(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: > 0 } a: e = a.Flatten().InnerExceptions[0]; continue;
                case TargetInvocationException { InnerException: { } inner }: e = inner; continue;
                default: return e;
            }
        }
    }

    private static bool IsUserError(Exception e) => e switch
    {
        ArgumentNullException => false,                       // a caller forgot a value: never the user's doing
        DataFormatException or IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException
            or UsageException or NonFiniteLossException or JsonException => true,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        IOException io when IsDiskFull(io) =>
            $"{io.Message}: the disk is full; free some space and run the command again (nothing half-written was kept)",
        _ => e.Message,
    };

    /// <summary>ENOSPC on Unix (the errno is the HResult there); ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool IsDiskFull(IOException e) =>
        e.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027);
}
