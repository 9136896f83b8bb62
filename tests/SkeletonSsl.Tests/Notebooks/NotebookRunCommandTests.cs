using System.Text.Json.Nodes;
using SkeletonSsl.Cli;
using SkeletonSsl.Cli.Commands;

namespace SkeletonSsl.Tests.Notebooks;

[Collection(NotebookExecutionCollection.Name)]
public sealed class NotebookRunCommandTests
{
    private static int Cli(params string[] args) => Program.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Notebook_run_writes_the_executed_notebook_and_exits_0()
    {
        string path = TestNotebooks.Write("var a = 20;", "a + 1");
        string output = Path.Combine(Path.GetDirectoryName(path)!, "executed.ipynb");

        Assert.Equal(0, Cli("notebook", "run", path, "--profile", "smoke", "--out", output));
        Assert.Contains("<pre>21</pre>", TestNotebooks.Text(JsonNode.Parse(File.ReadAllText(output))!, 1, "text/html"));
    }

    [Fact]
    public void Notebook_run_exits_1_on_a_failing_cell_and_still_writes_the_error()
    {
        string path = TestNotebooks.Write("md:# x", "throw new ArgumentException(\"no such joint\");");
        string output = Path.Combine(Path.GetDirectoryName(path)!, "executed.ipynb");

        Assert.Equal(1, Cli("notebook", "run", path, "--out", output));
        var error = TestNotebooks.Outputs(JsonNode.Parse(File.ReadAllText(output))!, 1).Single()!;
        Assert.Equal("ArgumentException", error["ename"]!.GetValue<string>());
    }

    [Fact]
    public void Notebook_run_exits_2_for_a_missing_notebook_or_an_unknown_profile()
    {
        string path = TestNotebooks.Write("1");
        Assert.Equal(CliRun.BadInput, Cli("notebook", "run", path + ".missing"));
        Assert.Equal(CliRun.BadInput, Cli("notebook", "run", path, "--profile", "huge"));
    }

    [Theory]
    [InlineData("notebooks/AimCLR/Table1-linear.ipynb", "runs/notebooks/AimCLR/Table1-linear.ipynb")]
    [InlineData("notebooks/00-getting-started.ipynb", "runs/notebooks/00-getting-started.ipynb")]
    public void The_default_output_mirrors_the_path_below_the_repository_notebooks_folder(string notebook, string expected)
    {
        Assert.Equal(expected, NotebookRunCommand.DefaultOutput(Path.Combine(RepositoryFiles.Root, notebook)).Replace('\\', '/'));
        Assert.Equal("runs/notebooks/mine.ipynb",
            NotebookRunCommand.DefaultOutput(Path.Combine(Path.GetTempPath(), "notebooks", "mine.ipynb")).Replace('\\', '/'));
    }

    [Fact]
    public void Notebook_clean_removes_the_outputs_a_run_wrote()
    {
        string path = TestNotebooks.Write("md:# x", "Console.WriteLine(1);", "2");
        string output = Path.Combine(Path.GetDirectoryName(path)!, "executed.ipynb");
        Assert.Equal(0, Cli("notebook", "run", path, "--out", output));

        Assert.Equal(0, Cli("notebook", "clean", output));

        var cleaned = SkeletonSsl.Notebooks.Execution.NotebookDocument.Load(output);
        Assert.All(cleaned.Cells.Where(c => c.IsCode), c => Assert.True(c.Outputs.Count == 0 && c.ExecutionCount is null));
        Assert.Equal(SkeletonSsl.Notebooks.Execution.NotebookDocument.Load(path).Cells.Select(c => c.Source), cleaned.Cells.Select(c => c.Source));
    }
}
