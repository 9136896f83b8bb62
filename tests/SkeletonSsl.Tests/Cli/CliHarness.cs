using SkeletonSsl.Cli;

namespace SkeletonSsl.Tests.Cli;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedirectedConsoleCollection
{
    public const string Name = "Redirected console: data commands";
}

/// <summary>Runs the CLI in-process, as Main does (error contract included), with stdout and stderr captured.</summary>
internal static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try { return (Program.Run(args), o.ToString(), e.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
