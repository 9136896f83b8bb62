using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using SkeletonSsl.Experiments;
using SkeletonSsl.Notebooks.Display;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// Runs a notebook's C# cells without a kernel, the way a .NET Interactive C# kernel would:
/// in order, sharing state (each cell is a Roslyn script submission continuing the previous
/// one), with <c>#r</c> lines resolved to the kit's own assemblies, <c>display(...)</c> and the
/// value of a trailing expression as outputs, rendered through the same formatters. It stops at
/// the first failing cell and writes the error into that cell's outputs.
/// <para>Process-wide state is set for the run (SKELETONSSL_PROFILE, the current directory = the
/// notebook's folder, as in a kernel), so runs in one process are serialised.</para>
/// </summary>
public static class NotebookExecutor
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Namespaces a .NET Interactive C# kernel imports for every cell.</summary>
    private static readonly string[] KernelImports =
        ["System", "System.IO", "System.Collections.Generic", "System.Linq", "System.Net.Http", "System.Text", "System.Threading.Tasks"];

    private static readonly string[] FrameworkAssemblies =
    [
        "System.Runtime", "netstandard", "System.Console", "System.Linq", "System.Collections", "System.Collections.Concurrent",
        "System.Linq.Expressions", "System.Text.RegularExpressions", "System.Net.Http", "System.Memory", "System.Text.Json",
        "System.Runtime.Numerics", "System.ComponentModel.Primitives", "Microsoft.CSharp",
    ];

    /// <summary>Loads and runs the notebook at <paramref name="path"/>.</summary>
    public static Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions? options = null, CancellationToken cancellation = default) =>
        RunAsync(NotebookDocument.Load(path), Path.GetDirectoryName(Path.GetFullPath(path))!, options ?? new(), cancellation);

    /// <summary>Runs <paramref name="notebook"/> with <paramref name="directory"/> as the current directory.</summary>
    public static async Task<NotebookRunResult> RunAsync(NotebookDocument notebook, string directory, NotebookRunOptions options,
        CancellationToken cancellation = default)
    {
        await Gate.WaitAsync(cancellation);
        string? previousProfile = Environment.GetEnvironmentVariable(Profiles.EnvironmentVariable);
        string previousDirectory = Environment.CurrentDirectory;
        var clock = Stopwatch.StartNew();
        try
        {
            ConsoleRouter.Install();
            // A log that is the console itself must bypass the routers, or cell output would echo into itself.
            options = options with { Log = ConsoleRouter.Unwrap(options.Log) };
            KitFormatters.BeginDocument();
            Environment.SetEnvironmentVariable(Profiles.EnvironmentVariable, options.Profile.ToString().ToLowerInvariant());
            Environment.CurrentDirectory = directory;
            var (run, skipped, failure) = await RunCellsAsync(notebook, options, cancellation);
            if (options.OutputPath is { } output) notebook.Save(Path.GetFullPath(output, previousDirectory));
            var result = new NotebookRunResult(notebook, options.OutputPath, run, skipped, failure, clock.Elapsed);
            options.Log?.WriteLine(failure is null
                ? $"{notebook.Source}: {run} cells ran in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
                : $"{notebook.Source}: failed at {failure}");
            return result;
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            Environment.SetEnvironmentVariable(Profiles.EnvironmentVariable, previousProfile);
            Gate.Release();
        }
    }

    private static async Task<(int Run, int Skipped, CellFailure? Failure)> RunCellsAsync(
        NotebookDocument notebook, NotebookRunOptions options, CancellationToken cancellation)
    {
        foreach (var cell in notebook.Cells.Where(c => c.IsCode)) cell.SetOutputs(null, []);
        var scriptOptions = BaseOptions();
        var globals = new NotebookGlobals();
        ScriptState<object>? state = null;
        int count = 0, skipped = 0;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            cancellation.ThrowIfCancellationRequested();
            var directives = CellDirectives.Parse(cell.Source, cell.MetadataLanguage, notebook.DefaultLanguage);
            if (directives.Language != CellLanguage.CSharp)
            {
                skipped++;
                options.Log?.WriteLine($"cell {cell.Index}: skipped ({directives.Language})");
                continue;
            }
            count++;
            var outputs = new CellOutputs(options.Log);
            var clock = Stopwatch.StartNew();
            CellFailure? failure = null;
            using (NotebookDisplay.Use(outputs))
            using (ConsoleRouter.Capture(outputs))
            {
                try
                {
                    if (directives.Unsupported.Count > 0)
                        throw new CellException("UnsupportedDirective",
                            $"the headless executor runs C# only and cannot honour: {string.Join(", ", directives.Unsupported)}");
                    scriptOptions = AddReferences(scriptOptions, directives.References);
                    state = state is null
                        ? await CSharpScript.RunAsync<object>(directives.Code, scriptOptions, globals, typeof(NotebookGlobals), cancellation)
                        : await state.ContinueWithAsync<object>(directives.Code, scriptOptions, cancellation);
                    if (state.ReturnValue is { } value) outputs.AddResult(value, count);
                }
                catch (CompilationErrorException e)
                {
                    failure = Fail(cell, count, outputs, "CompilationError", string.Join("\n", e.Diagnostics.Select(d => d.ToString())), []);
                }
                catch (CellException e)
                {
                    failure = Fail(cell, count, outputs, e.Name, e.Message, []);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
                {
                    var inner = e is TargetInvocationException { InnerException: { } i } ? i : e;
                    failure = Fail(cell, count, outputs, inner.GetType().Name, inner.Message, inner.ToString().Split('\n'));
                }
            }
            cell.SetOutputs(count, outputs.Outputs);
            options.Log?.WriteLine($"cell {cell.Index} (In [{count}]): {(failure is null ? "ok" : "FAILED")} " +
                $"{clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
            if (failure is not null) return (count, skipped, failure);
        }
        return (count, skipped, null);
    }

    private static CellFailure Fail(NotebookCell cell, int count, CellOutputs outputs, string name, string message, IEnumerable<string> traceback)
    {
        outputs.AddError(name, message, traceback.Any() ? traceback : message.Split('\n'));
        return new CellFailure(cell.Index, count, name, message);
    }

    /// <summary>One set of options for every cell: framework references, this library (for the globals), the kernel's imports.</summary>
    private static ScriptOptions BaseOptions()
    {
        var framework = FrameworkAssemblies.Select(n => Assembly.Load(new AssemblyName(n)));
        return ScriptOptions.Default
            .WithReferences(framework.Append(typeof(object).Assembly).Append(typeof(NotebookGlobals).Assembly).Distinct())
            .WithImports(KernelImports)
            .WithEmitDebugInformation(false);
    }

    private static ScriptOptions AddReferences(ScriptOptions options, IReadOnlyList<string> references)
    {
        if (references.Count == 0) return options;
        try
        {
            return options.AddReferences(references.SelectMany(KitAssemblies.Resolve).Distinct());
        }
        catch (ArgumentException e)
        {
            throw new CellException("ReferenceError", e.Message);
        }
    }

    private sealed class CellException(string name, string message) : Exception(message)
    {
        public string Name { get; } = name;
    }
}
