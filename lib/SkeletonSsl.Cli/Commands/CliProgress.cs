using Spectre.Console;

namespace SkeletonSsl.Cli.Commands;

/// <summary>A Spectre.Console progress bar on an interactive terminal; nothing at all when stdout is redirected.</summary>
internal static class CliProgress
{
    public static T Run<T>(string title, int total, Func<IProgress<int>?, T> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected || total <= 0) return work(null);
        T result = default!;
        AnsiConsole.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask(title, maxValue: total);
            result = work(new Progress<int>(n => task.Value = n));
        });
        return result;
    }
}
