using SkeletonSsl.Experiments;
using SkeletonSsl.Notebooks;
using SkeletonSsl.Notebooks.Execution;

namespace SkeletonSsl.Tests.Notebooks;

/// <summary>Every notebook under notebooks/ runs in the real kernel on the Smoke profile and follows the conventions.</summary>
[Collection(NotebookExecutionCollection.Name)]
public sealed class RepositoryNotebookTests
{
    public static TheoryData<string> Notebooks() => new(RepositoryFiles.Notebooks());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_notebook_runs_in_the_real_kernel_on_the_smoke_profile_without_a_cell_error(string notebook)
    {
        string output = Path.Combine(RepositoryFiles.Root, "runs", "notebooks", notebook);
        var result = await NotebookExecutor.RunAsync(Path.Combine(RepositoryFiles.NotebooksFolder, notebook),
            new NotebookRunOptions(Profile.Smoke, output, CellTimeout: TimeSpan.FromMinutes(15)));

        Assert.True(result.Succeeded, $"notebooks/{notebook}, {result.Failure}");
        Assert.True(result.CellsRun > 1, $"notebooks/{notebook}: only {result.CellsRun} code cells ran");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_is_committed_without_outputs(string notebook)
    {
        var doc = NotebookDocument.Load(Path.Combine(RepositoryFiles.NotebooksFolder, notebook));

        Assert.All(doc.Cells.Where(c => c.IsCode), c => Assert.True(c.Outputs.Count == 0 && c.ExecutionCount is null,
            $"{notebook} cell {c.Index} carries outputs or an execution count: clear them before committing"));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_starts_with_the_same_setup_cell(string notebook)
    {
        var first = NotebookDocument.Load(Path.Combine(RepositoryFiles.NotebooksFolder, notebook)).Cells.First(c => c.IsCode);

        Assert.Equal(NotebookSetupCell.Text, first.Source.Replace("\r\n", "\n").TrimEnd('\n'));
    }

    [Fact]
    public void The_setup_cell_references_assemblies_the_build_wrote_to_the_notebooks_folder()
    {
        string folder = Path.Combine(RepositoryFiles.Root, NotebookSetupCell.AssembliesFolder);
        var references = NotebookSetupCell.Text.Split('\n').Where(l => l.StartsWith("#r \"", StringComparison.Ordinal)).Select(l => l[4..^1]).ToList();

        Assert.Equal(NotebookSetupCell.Assemblies.Count, references.Count);
        Assert.All(references, r => Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, r)), $"{r} is missing: the build writes it"));
        // The kit's own assemblies there are the ones this test run was built from, whatever the configuration.
        Assert.Equal(File.ReadAllBytes(typeof(NotebookSetupCell).Assembly.Location), File.ReadAllBytes(Path.Combine(folder, "SkeletonSsl.Notebooks.dll")));
    }
}
