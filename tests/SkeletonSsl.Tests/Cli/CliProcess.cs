using System.Diagnostics;

namespace SkeletonSsl.Tests.Cli;

/// <summary>
/// The built CLI as a child process, for what only another process can show: a kill -9 in the middle of
/// a write, a lock held by someone else. Uses the CLI build of the same configuration as the tests.
/// </summary>
internal static class CliProcess
{
    /// <summary>lib/SkeletonSsl.Cli/bin/CONFIG/net10.0/SkeletonSsl.Cli.dll next to this test build.</summary>
    public static string Dll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string framework = testBin.Name, configuration = testBin.Parent!.Name;
            for (var dir = testBin; dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Reproduce.sln"))) continue;
                string dll = Path.Combine(dir.FullName, "lib", "SkeletonSsl.Cli", "bin", configuration, framework, "SkeletonSsl.Cli.dll");
                if (File.Exists(dll)) return dll;
                throw new FileNotFoundException($"{dll}: build the solution first (dotnet build Reproduce.sln)");
            }
            throw new DirectoryNotFoundException($"no Reproduce.sln above {testBin.FullName}");
        }
    }

    /// <summary>Starts the CLI with stdout and stderr redirected (drained in the background, so it never blocks on a full pipe).</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (string a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Kills the process at once (SIGKILL on Unix: no handler, no finally block runs) and reaps it.</summary>
    public static void KillHard(Process process)
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        process.WaitForExit();
    }

    /// <summary>The id of a process that has ended (a short-lived child, reaped), for leftovers "of a killed writer".</summary>
    public static int EndedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.Id;
    }
}
