using System.Diagnostics;
using System.Text.Json.Nodes;
using SkeletonSsl.Data;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// The notebook kernel the kit is tested with: the dotnet tool <c>Microsoft.dotnet-interactive</c>, pinned as a local
/// tool in the repository's <c>.config/dotnet-tools.json</c> and installed from there by <c>dotnet tool restore</c>.
/// </summary>
public static class KernelTool
{
    public const string PackageId = "microsoft.dotnet-interactive";

    private static readonly SemaphoreSlim RestoreGate = new(1, 1);
    private static readonly HashSet<string> Restored = new(StringComparer.Ordinal);

    /// <summary>The checkout above <paramref name="path"/> (a file or folder) that pins the kernel, else null.</summary>
    public static string? FindRepository(string path)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(path)); dir is not null; dir = dir.Parent)
            if (File.Exists(Manifest(dir.FullName))) return dir.FullName;
        return null;
    }

    /// <summary>The pinned kernel version, read from the repository's tool manifest.</summary>
    public static string Version(string repository)
    {
        string manifest = Manifest(repository);
        var node = JsonNode.Parse(File.ReadAllText(manifest));
        return node?["tools"]?[PackageId]?["version"]?.GetValue<string>()
            ?? throw new DataFormatException(manifest, $"expected the tool \"{PackageId}\" with a \"version\"", field: $"tools.{PackageId}.version");
    }

    /// <summary>Where the restored kernel's assemblies are (the tool package in the NuGet package folder).</summary>
    public static string Folder(string repository)
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string tools = Path.Combine(packages, PackageId, Version(repository), "tools");
        return Directory.Exists(tools)
            ? Directory.EnumerateFiles(tools, "Microsoft.DotNet.Interactive.App.dll", SearchOption.AllDirectories).Select(Path.GetDirectoryName).First()!
            : throw new DirectoryNotFoundException($"the notebook kernel {Version(repository)} is not installed in {packages}: run `dotnet tool restore` in {repository}");
    }

    /// <summary>Installs the pinned kernel (<c>dotnet tool restore</c>) once per process and repository; a no-op when it is there.</summary>
    public static async Task EnsureRestoredAsync(string repository, CancellationToken cancellation = default)
    {
        await RestoreGate.WaitAsync(cancellation);
        try
        {
            if (Restored.Contains(repository)) return;
            var info = new ProcessStartInfo("dotnet", "tool restore")
            {
                WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var restore = Process.Start(info) ?? throw new InvalidOperationException("could not run `dotnet tool restore`");
            var output = restore.StandardOutput.ReadToEndAsync(cancellation);
            var errors = restore.StandardError.ReadToEndAsync(cancellation);
            await restore.WaitForExitAsync(cancellation);
            if (restore.ExitCode != 0)
                throw new InvalidOperationException(
                    $"`dotnet tool restore` in {repository} failed (the notebook kernel is pinned in .config/dotnet-tools.json): {(await errors).Trim()} {(await output).Trim()}");
            Restored.Add(repository);
        }
        finally
        {
            RestoreGate.Release();
        }
    }

    private static string Manifest(string repository) => Path.Combine(repository, ".config", "dotnet-tools.json");
}
