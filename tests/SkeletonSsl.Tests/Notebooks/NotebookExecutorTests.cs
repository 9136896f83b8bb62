using System.Text.Json.Nodes;
using SkeletonSsl.Experiments;
using SkeletonSsl.Notebooks;
using SkeletonSsl.Notebooks.Execution;

namespace SkeletonSsl.Tests.Notebooks;

/// <summary>The executor drives the real .NET Interactive kernel, out of process, over its stdio protocol.</summary>
[Collection(NotebookExecutionCollection.Name)]
public sealed class NotebookExecutorTests
{
    private static async Task<(NotebookRunResult Result, JsonNode Written)> Run(string path)
    {
        string output = Path.Combine(Path.GetDirectoryName(path)!, "out", "test.ipynb");
        var result = await NotebookExecutor.RunAsync(path, new NotebookRunOptions(Profile.Smoke, output, CellTimeout: TimeSpan.FromMinutes(10)));
        return (result, JsonNode.Parse(File.ReadAllText(output))!);
    }

    [Fact]
    public async Task Cells_share_state_in_one_kernel_and_every_kind_of_output_is_written_back()
    {
        string path = TestNotebooks.Write(
            "md:# A notebook",
            "var a = 20;\nConsole.WriteLine(\"from stdout\");\ndisplay(\"shown\");",
            "a + 1",
            "fs:printfn \"from F# %d\" (6 * 7)",
            "Environment.GetEnvironmentVariable(\"SKELETONSSL_PROFILE\") + \" in \" + System.IO.Path.GetFileName(Environment.CurrentDirectory)");
        string before = File.ReadAllText(path);

        var (result, nb) = await Run(path);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(4, result.CellsRun);
        Assert.Equal("from stdout\n", TestNotebooks.Text(nb, 1, "stream"));
        Assert.Equal("shown", TestNotebooks.Text(nb, 1, "text/plain"));
        Assert.Contains("<pre>21</pre>", TestNotebooks.Text(nb, 2, "text/html")); // the kernel formats numbers as HTML only
        Assert.Equal(2, nb["cells"]![2]!["execution_count"]!.GetValue<int>());
        Assert.Equal("execute_result", TestNotebooks.Outputs(nb, 2)[0]!["output_type"]!.GetValue<string>());
        Assert.Equal("from F# 42\n", TestNotebooks.Text(nb, 3, "stream"));
        // The kernel's working directory is the notebook's folder, as in VS Code and Jupyter; the profile is in its environment.
        Assert.Equal($"smoke in {Path.GetFileName(Path.GetDirectoryName(path))}", TestNotebooks.Text(nb, 4, "text/plain"));
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_is_reported_with_its_index_and_error()
    {
        string path = TestNotebooks.Write("md:# x", "1 + 1", "throw new ArgumentException(\"no such joint\");", "Console.WriteLine(\"never\");");

        var (result, nb) = await Run(path);

        var failure = Assert.IsType<CellFailure>(result.Failure);
        Assert.Equal(2, failure.CellIndex);
        Assert.Equal(2, failure.ExecutionCount);
        Assert.Equal("ArgumentException", failure.ErrorName);
        Assert.Contains("no such joint", failure.Message);
        Assert.StartsWith("cell 2 (In [2]): ArgumentException: ", failure.ToString());
        var error = TestNotebooks.Outputs(nb, 2).Single()!;
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Equal("ArgumentException", error["ename"]!.GetValue<string>());
        Assert.Empty(TestNotebooks.Outputs(nb, 3));
        Assert.Null(nb["cells"]![3]!["execution_count"]);
    }

    [Fact]
    public async Task A_compilation_error_names_the_cell_and_the_line()
    {
        var (result, _) = await Run(TestNotebooks.Write("var ok = 1;", "var x = 1;\nvar y = undefinedThing;"));

        Assert.Equal("CompilationError", result.Failure?.ErrorName);
        Assert.Equal(1, result.Failure?.CellIndex);
        Assert.Contains("(2,9)", result.Failure?.Message);
        Assert.Contains("undefinedThing", result.Failure?.Message);
    }

    [Fact]
    public async Task The_setup_cell_fails_with_one_sentence_outside_a_checkout_and_when_the_kit_is_not_built()
    {
        var (outside, _) = await Run(TestNotebooks.Write(NotebookSetupCell.Text));
        Assert.Equal("InvalidOperationException", outside.Failure?.ErrorName);
        Assert.Contains("This notebook is not inside a SkeletonSsl checkout: no Reproduce.sln above ", outside.Failure?.Message);

        string checkout = Path.GetDirectoryName(TestNotebooks.Write("1"))!;
        File.WriteAllText(Path.Combine(checkout, "Reproduce.sln"), "");
        Directory.CreateDirectory(Path.Combine(checkout, "notebooks", "Deeper"));
        string path = Path.Combine(checkout, "notebooks", "Deeper", "n.ipynb");
        File.WriteAllText(path, TestNotebooks.Json(NotebookSetupCell.Text));

        var (unbuilt, _) = await Run(path);

        Assert.Equal("InvalidOperationException", unbuilt.Failure?.ErrorName);
        Assert.Contains($"The kit is not built: run `dotnet build Reproduce.sln` in {checkout}, then restart the kernel.", unbuilt.Failure?.Message);
    }

    [Fact]
    public async Task With_the_kit_loaded_progress_updates_in_place_and_kit_values_render_with_the_kit_formatters()
    {
        string path = TestNotebooks.WriteInRepository(
            NotebookSetupCell.Text,
            """
            var progress = new InlineProgress<int>("epochs", e => $"epoch {e}/3", e => e / 3.0, TimeSpan.Zero);
            for (int e = 1; e <= 3; e++) progress.Report(e);
            """,
            "SkeletonSsl.Skeletons.NtuLayout.BodyParts[3]",
            "torch.zeros(2, 3)",
            "using Plotly.NET.CSharp;\nChart.Line<int, int, string>(x: new[] { 1, 2, 3 }, y: new[] { 3, 1, 2 })",
            "Chart.Point<int, int, string>(x: new[] { 1, 2 }, y: new[] { 2, 1 })");

        var (result, nb) = await Run(path);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Contains("profile Smoke", TestNotebooks.Text(nb, 0, "text/plain"));
        // One display, updated in place by each report (a kernel's DisplayedValueUpdated), showing the last one.
        var progress = Assert.Single(TestNotebooks.Outputs(nb, 1));
        Assert.Equal("display_data", progress!["output_type"]!.GetValue<string>());
        Assert.Equal("epochs [100%] epoch 3/3", TestNotebooks.Text(nb, 1, "text/plain"));
        Assert.Contains("<td>Name</td><td>RightLeg</td>", TestNotebooks.Text(nb, 2, "text/html"));
        Assert.Contains("<code>Tensor[2, 3] float32 on cpu", TestNotebooks.Text(nb, 3, "text/html"));
        // plotly.js travels with the first chart of the kernel's document only, and no chart asks a CDN for it.
        string first = TestNotebooks.Text(nb, 4, "text/html"), second = TestNotebooks.Text(nb, 5, "text/html");
        Assert.Contains("plotly.js v", first);
        Assert.Contains("Plotly.newPlot", first);
        Assert.DoesNotContain("plotly.js v", second);
        Assert.Contains("Plotly.newPlot", second);
        Assert.DoesNotMatch("<script[^>]*src=", first + second);
    }
}
