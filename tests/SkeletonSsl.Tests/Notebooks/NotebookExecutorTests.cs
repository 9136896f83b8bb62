using System.Text.Json.Nodes;
using SkeletonSsl.Experiments;
using SkeletonSsl.Notebooks.Execution;

namespace SkeletonSsl.Tests.Notebooks;

[Collection(NotebookExecutionCollection.Name)]
public sealed class NotebookExecutorTests
{
    private const string Setup = """
        #!csharp
        #r "../lib/SkeletonSsl.Notebooks/bin/Debug/net10.0/SkeletonSsl.dll"
        #r "../lib/SkeletonSsl.Notebooks/bin/Debug/net10.0/SkeletonSsl.Notebooks.dll"
        #r "nuget: TorchSharp-cpu, 0.107.0"
        #r "nuget: Plotly.NET.CSharp, 0.14.0"
        #r "nuget: Microsoft.Data.Analysis"
        using SkeletonSsl.Notebooks;
        using TorchSharp;
        using Microsoft.Data.Analysis;
        KitFormatters.Register();
        """;

    private static async Task<(NotebookRunResult Result, JsonNode Written)> Run(Profile profile, params string[] cells)
    {
        string path = TestNotebooks.Write(cells);
        string output = Path.Combine(Path.GetDirectoryName(path)!, "out", "test.ipynb");
        var result = await NotebookExecutor.RunAsync(path, new NotebookRunOptions(profile, output));
        return (result, JsonNode.Parse(File.ReadAllText(output))!);
    }

    [Fact]
    public async Task Cells_share_state_and_their_outputs_are_written_into_the_output_notebook()
    {
        var (result, nb) = await Run(Profile.Smoke,
            "md:# A test notebook",
            Setup,
            "var n = 3;\nvar frame = new DataFrame(new Int32DataFrameColumn(\"k\", Enumerable.Range(0, n)), new StringDataFrameColumn(\"name\", new[] { \"a\", \"b\", \"c\" }));",
            "Console.WriteLine($\"n = {n}\");\ndisplay(frame);\ndisplay(torch.ones(2, n));",
            "Plotly.NET.CSharp.Chart.Line<int, int, string>(x: new[] { 1, 2, 3 }, y: new[] { 4, 5, 6 })",
            "fs:let x = 1",
            "Plotly.NET.CSharp.Chart.Point<int, int, string>(x: new[] { 1 }, y: new[] { n })",
            "n * 2");

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(6, result.CellsRun);
        Assert.Equal(1, result.CellsSkipped);
        Assert.Equal(3, nb["cells"]![3]!["execution_count"]!.GetValue<int>());
        Assert.Equal("n = 3\n", TestNotebooks.Text(nb, 3, "stream"));
        string table = TestNotebooks.Text(nb, 3, "text/html");
        Assert.Contains("<th>k</th><th>name</th>", table);
        Assert.Contains("<td>2</td><td>c</td>", table);
        Assert.Contains("Tensor[2, 3] float32 on cpu", TestNotebooks.Text(nb, 3, "text/plain"));
        string firstChart = TestNotebooks.Text(nb, 4, "text/html"), secondChart = TestNotebooks.Text(nb, 6, "text/html");
        Assert.Contains("Plotly.newPlot", firstChart);
        Assert.Contains("plotly.js v", firstChart); // inlined once per document, so it renders offline
        Assert.Contains("Plotly.newPlot", secondChart);
        Assert.DoesNotContain("plotly.js v", secondChart);
        Assert.DoesNotContain("<script src=", firstChart + secondChart);
        Assert.Null(nb["cells"]![5]!["execution_count"]); // the F# cell is left alone
        Assert.Equal("6", TestNotebooks.Text(nb, 7, "text/plain"));
        Assert.Equal("execute_result", TestNotebooks.Outputs(nb, 7)[0]!["output_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_is_reported_with_its_index_and_error()
    {
        var (result, nb) = await Run(Profile.Smoke,
            "md:# Fails",
            "var x = 1;",
            "md:the next cell throws",
            "if (x == 1) throw new InvalidOperationException(\"bad sample\");",
            "x + 1");

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Failure!.CellIndex);
        Assert.Equal(2, result.Failure.ExecutionCount);
        Assert.Equal("InvalidOperationException", result.Failure.ErrorName);
        Assert.Contains("bad sample", result.Failure.Message);
        var error = TestNotebooks.Outputs(nb, 3).Single()!;
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Equal("bad sample", error["evalue"]!.GetValue<string>());
        Assert.Null(nb["cells"]![4]!["execution_count"]);
        Assert.Empty(TestNotebooks.Outputs(nb, 4));
    }

    [Fact]
    public async Task A_compilation_error_names_the_cell_and_the_line()
    {
        var (result, _) = await Run(Profile.Smoke, "var a = 1;", "var b = a;\nvar c = missing + 1;");

        Assert.Equal(1, result.Failure!.CellIndex);
        Assert.Equal("CompilationError", result.Failure.ErrorName);
        Assert.Contains("(2,9): error CS0103", result.Failure.Message);
    }

    [Fact]
    public async Task The_profile_is_set_for_the_cells_and_restored_afterwards()
    {
        string? before = Environment.GetEnvironmentVariable(Profiles.EnvironmentVariable);
        var (result, nb) = await Run(Profile.Quick,
            "#r \"../lib/SkeletonSsl.Notebooks/bin/Debug/net10.0/SkeletonSsl.dll\"\nSkeletonSsl.Experiments.Profiles.FromEnvironment(SkeletonSsl.Experiments.Profile.Paper)");

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("Quick", TestNotebooks.Text(nb, 0, "text/plain"));
        Assert.Equal(before, Environment.GetEnvironmentVariable(Profiles.EnvironmentVariable));
    }

    [Fact]
    public async Task References_outside_the_kit_are_a_clear_error()
    {
        var (nuget, _) = await Run(Profile.Smoke, "#r \"nuget: Not.A.Kit.Package, 1.0.0\"\n1");
        var (dll, _) = await Run(Profile.Smoke, "#r \"../somewhere/Unknown.Library.dll\"\n1");

        Assert.Equal("ReferenceError", nuget.Failure!.ErrorName);
        Assert.Contains("package Not.A.Kit.Package is not part of the kit", nuget.Failure.Message);
        Assert.Contains("assembly Unknown.Library is not one of the kit's assemblies", dll.Failure!.Message);
    }

    [Fact]
    public async Task Magic_commands_that_change_the_kernel_mid_cell_are_rejected()
    {
        var (result, _) = await Run(Profile.Smoke, "#!time\nvar a = 1;", "var b = 2;\n#!set --name b --value 3");

        Assert.Equal(1, result.Failure!.CellIndex);
        Assert.Equal("UnsupportedDirective", result.Failure.ErrorName);
        Assert.Contains("#!set", result.Failure.Message);
    }

    [Fact]
    public async Task Inline_progress_prints_plain_lines_and_display_handles_update_in_place()
    {
        var (result, nb) = await Run(Profile.Smoke,
            Setup,
            """
            var progress = new InlineProgress<int>("epochs", e => $"epoch {e}/3", e => e / 3.0, TimeSpan.Zero);
            for (int e = 1; e <= 3; e++) progress.Report(e);
            var shown = display("first");
            shown.Update("second");
            """);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("epochs [ 33%] epoch 1/3\nepochs [ 67%] epoch 2/3\nepochs [100%] epoch 3/3\n", TestNotebooks.Text(nb, 1, "stream"));
        Assert.Equal("second", TestNotebooks.Text(nb, 1, "text/plain"));
    }

    [Fact]
    public async Task Kit_records_render_as_key_value_tables()
    {
        var (result, nb) = await Run(Profile.Smoke, Setup, "SkeletonSsl.Skeletons.NtuLayout.BodyParts[3]");

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Contains("<td>Name</td><td>RightLeg</td>", TestNotebooks.Text(nb, 1, "text/html"));
        Assert.Contains("<td>Joints</td><td>[16, 17, 18, 19]</td>", TestNotebooks.Text(nb, 1, "text/html"));
    }

    [Fact]
    public async Task Without_an_output_path_nothing_is_written_and_the_source_is_untouched()
    {
        string path = TestNotebooks.Write("1 + 1");
        string before = File.ReadAllText(path);

        var result = await NotebookExecutor.RunAsync(path, new NotebookRunOptions(Profile.Smoke));

        Assert.True(result.Succeeded);
        Assert.Equal("2", string.Concat(result.Notebook.Cells[0].Outputs[0]["data"]!["text/plain"]!.AsArray().Select(l => l!.GetValue<string>())));
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task A_log_on_the_console_receives_cell_output_once_and_the_cell_keeps_it()
    {
        await NotebookExecutor.RunAsync(TestNotebooks.Write("1"), new NotebookRunOptions(Profile.Smoke)); // the console is now routed
        var log = Console.Out;

        var result = await NotebookExecutor.RunAsync(TestNotebooks.Write("Console.WriteLine(\"hello\");"), new NotebookRunOptions(Profile.Smoke, Log: log));

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var stream = Assert.Single(result.Notebook.Cells[0].Outputs);
        Assert.Equal("hello\n", string.Concat(stream["text"]!.AsArray().Select(l => l!.GetValue<string>())));
    }

    [Fact]
    public async Task Inline_progress_coalesces_frequent_reports_but_shows_the_first_and_the_last()
    {
        var (result, nb) = await Run(Profile.Smoke,
            Setup,
            """
            using (var withFraction = new InlineProgress<int>("samples", i => $"{i}/1000", i => i / 1000.0, TimeSpan.FromHours(1)))
                for (int i = 1; i <= 1000; i++) withFraction.Report(i);
            using (var withoutFraction = new InlineProgress<int>("files", i => $"file {i}", minInterval: TimeSpan.FromHours(1)))
                for (int i = 1; i <= 50; i++) withoutFraction.Report(i);
            """);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("samples [  0%] 1/1000\nsamples [100%] 1000/1000\nfiles: file 1\nfiles: file 50\n", TestNotebooks.Text(nb, 1, "stream"));
    }
}
