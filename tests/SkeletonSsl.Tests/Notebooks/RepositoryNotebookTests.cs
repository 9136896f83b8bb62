using SkeletonSsl.Experiments;
using SkeletonSsl.Notebooks;
using SkeletonSsl.Notebooks.Execution;

namespace SkeletonSsl.Tests.Notebooks;

/// <summary>Every notebook under notebooks/ runs headlessly on the Smoke profile and follows the conventions.</summary>
[Collection(NotebookExecutionCollection.Name)]
public sealed class RepositoryNotebookTests
{
    public static TheoryData<string> Notebooks() => new(RepositoryFiles.Notebooks());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_notebook_runs_on_the_smoke_profile_without_a_cell_error(string notebook)
    {
        var result = await NotebookExecutor.RunAsync(Path.Combine(RepositoryFiles.NotebooksFolder, notebook), new NotebookRunOptions(Profile.Smoke));

        Assert.True(result.Succeeded, $"{notebook}: {result.Failure}");
        Assert.True(result.CellsRun > 1, $"{notebook}: only {result.CellsRun} C# cells ran");
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
    public void Every_notebook_starts_with_the_setup_cell_and_its_references_exist_after_a_build(string notebook)
    {
        string path = Path.Combine(RepositoryFiles.NotebooksFolder, notebook);
        int depth = notebook.Count(c => c == '/') + 1;
        var first = NotebookDocument.Load(path).Cells.First(c => c.IsCode);

        Assert.Equal(NotebookSetupCell.Text(depth), first.Source.Replace("\r\n", "\n").TrimEnd('\n'));
        // A kernel resolves the #r paths against the notebook's folder: they must point at the build output.
        string output = Path.Combine(RepositoryFiles.Root, NotebookSetupCell.BuildOutput);
        if (!Directory.Exists(output)) return; // not built in Debug (e.g. a Release-only build): nothing to resolve against
        foreach (var line in first.Source.Split('\n').Where(l => l.StartsWith("#r \"", StringComparison.Ordinal)))
        {
            string relative = line.Trim()[4..^1];
            Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, relative))), $"{notebook}: {relative} does not exist");
        }
    }
}
