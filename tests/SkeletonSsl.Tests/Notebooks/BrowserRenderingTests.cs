using System.Diagnostics;
using SkeletonSsl.Notebooks.Execution;

namespace SkeletonSsl.Tests.Notebooks;

/// <summary>
/// What a reader sees: a table notebook executed by Jupyter with the .NET (C#) kernel (as notebooks/README.md tells
/// users to run it), exported to HTML, and the main job's report page, both opened in a real browser with no
/// network, draw their Plotly figures and raise no script error.
/// </summary>
[Collection(NotebookExecutionCollection.Name)]
public sealed class BrowserRenderingTests
{
    private const string Notebook = "AimCLR/Table6-linear-ntu120.ipynb";

    [Fact]
    public async Task A_table_notebook_run_by_Jupyter_and_its_report_page_draw_their_plots_offline_in_Chromium()
    {
        string output = Path.Combine(RepositoryFiles.Root, "runs", "browser", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(output);
        await InstallJupyterKernelAsync();

        var (code, log) = await RunAsync("jupyter-nbconvert", RepositoryFiles.Root,
            "--to", "html", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=1800",
            "--output-dir", output, Path.Combine(RepositoryFiles.NotebooksFolder, Notebook));
        Assert.True(code == 0, $"jupyter nbconvert --execute notebooks/{Notebook} failed:\n{log}");

        var notebookPage = HeadlessChromium.Render(Path.Combine(output, Path.ChangeExtension(Path.GetFileName(Notebook), ".html")));
        Assert.Empty(notebookPage.ScriptErrors);
        Assert.True(notebookPage.Plots >= 2, $"the exported notebook drew {notebookPage.Plots} plots; it has a bar chart and a loss chart");

        // The notebook's last cell wrote the same report page as `table run aimclr-table6`.
        var reportPage = HeadlessChromium.Render(Path.Combine(RepositoryFiles.Root, "runs", "tables", "aimclr-table6.html"));
        Assert.Empty(reportPage.ScriptErrors);
        Assert.True(reportPage.Plots >= 2, $"the report page drew {reportPage.Plots} plots");
    }

    [Fact]
    public void A_page_with_a_script_error_or_no_plot_is_caught()
    {
        string page = Path.Combine(Path.GetTempPath(), $"skeletonssl-broken-{Guid.NewGuid():N}.html");
        File.WriteAllText(page, "<html><body><div id=\"p\"></div><script>notDefined();</script></body></html>");

        var rendered = HeadlessChromium.Render(page, TimeSpan.FromSeconds(2));

        Assert.Equal(0, rendered.Plots);
        Assert.Contains(rendered.ScriptErrors, e => e.Contains("notDefined"));
    }

    /// <summary>Registers the pinned kernel with Jupyter (<c>dotnet interactive jupyter install</c>) unless it is there.</summary>
    private static async Task InstallJupyterKernelAsync()
    {
        await KernelTool.EnsureRestoredAsync(RepositoryFiles.Root);
        var (_, specs) = await RunAsync("jupyter", RepositoryFiles.Root, "kernelspec", "list");
        if (specs.Contains(".net-csharp", StringComparison.Ordinal)) return;
        var (code, log) = await RunAsync("dotnet", RepositoryFiles.Root, "tool", "run", "dotnet-interactive", "--", "jupyter", "install");
        Assert.True(code == 0, $"dotnet interactive jupyter install failed:\n{log}");
    }

    private static async Task<(int Code, string Log)> RunAsync(string program, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["SKELETONSSL_PROFILE"] = "smoke";
        info.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"`{program}` is not installed: environment/setup.sh installs Jupyter (jupyter-nbconvert, python3-nbclient) and Chromium", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
