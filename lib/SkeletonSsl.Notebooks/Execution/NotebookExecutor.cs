using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SkeletonSsl.Data;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// Runs a notebook in a real .NET Interactive kernel, out of process, as VS Code or Jupyter would: one kernel per
/// run (<see cref="KernelProcess"/>), its working directory the notebook's folder, every code cell submitted in
/// order to the kernel its metadata names (C# unless it says otherwise). What this adds to the kernel is only what a
/// client does: the profile (SKELETONSSL_PROFILE in the kernel's environment), the outputs written back into a copy
/// of the notebook, and a stop at the first failing cell, whose error is written into that cell's outputs.
/// Runs share no process state, so several may run at once.
/// </summary>
public static partial class NotebookExecutor
{
    /// <summary>Loads and runs the notebook at <paramref name="path"/>.</summary>
    public static async Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new();
        string full = Path.GetFullPath(path);
        var notebook = NotebookDocument.Load(full);
        string repository = Repository(full);
        var clock = Stopwatch.StartNew();
        var environment = new Dictionary<string, string>
        {
            [Profiles.EnvironmentVariable] = options.Profile.ToString().ToLowerInvariant(),
        };
        foreach (var cell in notebook.Cells.Where(c => c.IsCode)) cell.SetOutputs(null, []);

        int count = 0;
        CellFailure? failure = null;
        await using (var kernel = await KernelProcess.StartAsync(repository, Path.GetDirectoryName(full)!, environment, cancellation))
        {
            foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            {
                cancellation.ThrowIfCancellationRequested();
                if (string.IsNullOrWhiteSpace(cell.Source)) continue;
                count++;
                var outputs = new CellOutputs(options.Log);
                var cellClock = Stopwatch.StartNew();
                string kernelName = cell.MetadataLanguage ?? notebook.DefaultLanguage;
                string? error, name = null;
                try
                {
                    error = await kernel.SubmitAsync(cell.Source, kernelName, (type, body) => outputs.Add(type, body, count),
                        options.CellTimeout ?? TimeSpan.FromHours(2), cancellation);
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    // The kernel did not answer (a cell past its time limit, a kernel that died): the client's own error.
                    (error, name) = (e.Message, e.GetType().Name);
                }
                if (error is not null)
                {
                    name ??= ErrorName(error);
                    outputs.AddError(name, error);
                    failure = new CellFailure(cell.Index, count, name, error);
                }
                cell.SetOutputs(count, outputs.Outputs);
                options.Log?.WriteLine($"cell {cell.Index} (In [{count}]): {(error is null ? "ok" : "FAILED")} " +
                    $"{cellClock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
                if (failure is not null) break;
            }
        }
        if (options.OutputPath is { } output) notebook.Save(output);
        options.Log?.WriteLine(failure is null
            ? $"{notebook.Source}: {count} cells ran in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
            : $"{notebook.Source}: failed at {failure}");
        return new NotebookRunResult(notebook, options.OutputPath, count, failure, clock.Elapsed);
    }

    /// <summary>The checkout holding the notebook, else the one around the working directory (its tool manifest pins the kernel).</summary>
    private static string Repository(string notebook) =>
        KernelTool.FindRepository(Path.GetDirectoryName(notebook)!) ?? KernelTool.FindRepository(Environment.CurrentDirectory)
        ?? throw new DataFormatException(notebook,
            "no .config/dotnet-tools.json (the pinned notebook kernel) above the notebook or the working directory; run it from a SkeletonSsl checkout");

    /// <summary>"CompilationError" for compiler diagnostics, the exception's type for an exception, else "Error".</summary>
    internal static string ErrorName(string message)
    {
        if (CompilerDiagnostic().IsMatch(message)) return "CompilationError";
        var exception = ExceptionType().Match(message);
        return exception.Success ? exception.Groups[1].Value : "Error";
    }

    [GeneratedRegex(@"^\s*(\(\d+,\d+\): )?error CS\d+")]
    private static partial Regex CompilerDiagnostic();

    [GeneratedRegex(@"^\s*(?:[A-Za-z_][\w]*\.)*([A-Za-z_]\w*(?:Exception|Error)):")]
    private static partial Regex ExceptionType();
}
