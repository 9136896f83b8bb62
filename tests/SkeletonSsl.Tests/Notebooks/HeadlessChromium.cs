using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SkeletonSsl.Tests.Notebooks;

/// <summary>
/// Loads a page from disk in Debian's headless Chromium with every host name unresolvable (no network, so a chart
/// that needs a CDN stays blank), lets its scripts run, and reports how many Plotly plots it drew and which
/// JavaScript errors it raised.
/// </summary>
internal static partial class HeadlessChromium
{
    public sealed record Page(int Plots, IReadOnlyList<string> ScriptErrors);

    public static Page Render(string htmlPath, TimeSpan? scriptTime = null)
    {
        var info = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                     "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
                     $"--virtual-time-budget={(int)(scriptTime ?? TimeSpan.FromSeconds(30)).TotalMilliseconds}",
                     $"--user-data-dir={Path.Combine(Path.GetTempPath(), "skeletonssl-chromium-" + Guid.NewGuid().ToString("N")[..8])}",
                     "--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
                 })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string dom = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Chromium did not finish loading {htmlPath}");
        }
        var errors = ConsoleError().Matches(stderr.Result).Select(m => m.Groups[1].Value).ToList();
        return new Page(MainSvg().Matches(dom).Count, errors);
    }

    private static string Executable()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
            if (path is not null) return path;
        }
        throw new InvalidOperationException("no headless Chromium on PATH: `apt-get install chromium` (environment/setup.sh does it)");
    }

    /// <summary>One Plotly plot draws one root &lt;svg class="main-svg"&gt; for its plot area (plus one for its overlays).</summary>
    [GeneratedRegex("<svg[^>]*class=\"main-svg\"")]
    private static partial Regex MainSvg();

    [GeneratedRegex("CONSOLE[^\\]]*\\] \"(Uncaught[^\"]*)\"")]
    private static partial Regex ConsoleError();
}
