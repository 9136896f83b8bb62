using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// A real .NET Interactive kernel in its own process, driven over its standard-I/O protocol as VS Code's Polyglot
/// Notebooks drives it: <c>dotnet tool run dotnet-interactive -- stdio</c> (the version pinned in the repository's
/// .config/dotnet-tools.json), one JSON command envelope per line in, one event envelope per line out. The kernel
/// imports nothing of this process: it loads the kit from disk through the notebook's setup cell, exactly as a user's
/// kernel does.
/// </summary>
public sealed class KernelProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private int _token;

    private KernelProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
    }

    /// <summary>The last lines the kernel wrote to its standard error (for messages when it dies).</summary>
    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>
    /// Starts a kernel whose working directory is <paramref name="workingDirectory"/> (the notebook's folder, as in
    /// VS Code and Jupyter), with <paramref name="environment"/> added to this process's environment.
    /// <paramref name="repository"/> is the checkout whose tool manifest pins the kernel.
    /// </summary>
    public static async Task<KernelProcess> StartAsync(string repository, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellation = default)
    {
        await KernelTool.EnsureRestoredAsync(repository, cancellation);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--default-kernel", "csharp", "--working-dir", workingDirectory })
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start `dotnet tool run dotnet-interactive`");
        return new KernelProcess(process);
    }

    /// <summary>
    /// Submits <paramref name="code"/> to the kernel named <paramref name="kernelName"/> and passes every event of
    /// this submission to <paramref name="onEvent"/> (event type, event body) until it succeeds or fails.
    /// Returns null on success, else the failure's message.
    /// </summary>
    public async Task<string?> SubmitAsync(string code, string kernelName, Action<string, JsonObject> onEvent,
        TimeSpan timeout, CancellationToken cancellation = default)
    {
        string token = $"skeletonssl-{Interlocked.Increment(ref _token)}";
        var envelope = new JsonObject
        {
            ["token"] = token,
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = kernelName },
        };
        await _process.StandardInput.WriteLineAsync(envelope.ToJsonString().AsMemory(), cancellation);
        await _process.StandardInput.FlushAsync(cancellation);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                throw new TimeoutException($"the cell did not finish within {timeout.TotalSeconds:0} s");
            }
            if (line is null)
                throw new InvalidOperationException($"the kernel exited (code {ExitCode()}) while running the cell: {Tail(StandardError)}");
            if (!line.StartsWith('{')) continue; // the kernel's banner
            JsonObject? message;
            try { message = JsonNode.Parse(line) as JsonObject; }
            catch (JsonException) { continue; }
            if (message?["eventType"]?.GetValue<string>() is not { } type || message["event"] is not JsonObject body) continue;
            if (!BelongsTo(message, token)) continue;
            onEvent(type, body);
            bool own = message["command"]?["token"]?.GetValue<string>() == token;
            if (own && type == "CommandSucceeded") return null;
            if (own && type == "CommandFailed") return body["message"]?.GetValue<string>() ?? "the command failed";
        }
    }

    /// <summary>Events of this submission carry its token, or a child token ("token.1") for the parts a cell splits into.</summary>
    private static bool BelongsTo(JsonObject message, string token) =>
        message["command"]?["token"]?.GetValue<string>() is { } t && (t == token || t.StartsWith(token + ".", StringComparison.Ordinal));

    private string ExitCode()
    {
        try { return _process.WaitForExit(2000) ? _process.ExitCode.ToString() : "still running"; }
        catch (InvalidOperationException) { return "unknown"; }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "(nothing on stderr)" : string.Join(" | ", lines.TakeLast(5)).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }
}
