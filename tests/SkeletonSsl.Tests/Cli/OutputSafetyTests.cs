using SkeletonSsl.Cli;
using SkeletonSsl.Data.Synthetic;
using SkeletonSsl.Tests.Data.Formats;

namespace SkeletonSsl.Tests.Cli;

/// <summary>No command deletes what the user has: a folder or file the kit did not write is refused unless --force.</summary>
[Collection(RedirectedConsoleCollection.Name)]
public sealed class OutputSafetyTests
{
    private static readonly string[] SmokeSet = ["--size", "smoke", "--classes", "3", "--subjects", "4"];

    private static (int Code, string Out, string Err) Synth(string outDir, params string[] more) =>
        CliHarness.Run([.. new[] { "data", "synth", "--out", outDir }, .. SmokeSet, .. more]);

    private static void AssertOneLineNaming(string err, string path)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(path, lines[0]);
    }

    [Fact]
    public void Synth_refuses_a_folder_holding_user_files_and_keeps_them()
    {
        using var dir = new TempDir();
        string user = dir.File("u");
        Directory.CreateDirectory(user);
        File.WriteAllText(Path.Combine(user, "thesis.txt"), "thesis");
        var (code, _, err) = Synth(user);
        Assert.Equal(CliRun.BadInput, code);
        AssertOneLineNaming(err, user);
        Assert.Contains("--force", err);
        Assert.Equal("thesis", File.ReadAllText(Path.Combine(user, "thesis.txt")));
    }

    [Fact]
    public void Synth_replaces_its_own_set_but_not_one_a_user_added_a_file_to()
    {
        using var dir = new TempDir();
        string set = dir.File("s");
        Assert.Equal(0, Synth(set).Code);
        Assert.Equal(0, Synth(set, "--seed", "1").Code);
        Assert.Equal(1, SyntheticDescription.TryRead(set)!.Config.Seed);
        File.WriteAllText(Path.Combine(set, "notes.txt"), "mine");
        Assert.Equal(CliRun.BadInput, Synth(set).Code);
        Assert.True(File.Exists(Path.Combine(set, "notes.txt")));
        Assert.Equal(0, Synth(set, "--force").Code);
        Assert.False(File.Exists(Path.Combine(set, "notes.txt")));
        Assert.True(SyntheticNtuGenerator.IsSyntheticSet(set));
        Assert.Equal(["s"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Prepare_refuses_an_output_equal_to_or_inside_the_raw_folder_even_with_force()
    {
        using var dir = new TempDir();
        string raw = dir.File("raw");
        Assert.Equal(0, Synth(raw).Code);
        int files = Directory.GetFiles(raw, "*", SearchOption.AllDirectories).Length;
        Directory.CreateSymbolicLink(dir.File("link"), raw);
        foreach (string o in new[] { raw, Path.Combine(raw, "store"), dir.Path, dir.File("link") })
        {
            var (code, _, err) = CliHarness.Run("data", "prepare", "--dataset", "ntu60", "--raw", raw, "--pipeline", "aimclr", "--out", o, "--force");
            Assert.Equal(CliRun.BadInput, code);
            AssertOneLineNaming(err, o);
        }
        Assert.Equal(files, Directory.GetFiles(raw, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void Prepare_replaces_its_own_store_and_refuses_a_user_folder()
    {
        using var dir = new TempDir();
        string raw = dir.File("raw"), store = dir.File("store");
        Assert.Equal(0, Synth(raw).Code);
        string[] prepare = ["data", "prepare", "--dataset", "ntu60", "--raw", raw, "--pipeline", "aimclr", "--out", store];
        Assert.Equal(0, CliHarness.Run(prepare).Code);
        Assert.Equal(0, CliHarness.Run(prepare).Code);
        Directory.CreateDirectory(dir.File("mine"));
        File.WriteAllText(Path.Combine(dir.File("mine"), "a.npy"), "mine");
        var (code, _, err) = CliHarness.Run([.. prepare[..^1], dir.File("mine")]);
        Assert.Equal(CliRun.BadInput, code);
        AssertOneLineNaming(err, dir.File("mine"));
    }

    [Fact]
    public void An_output_folder_that_is_a_file_is_refused_even_with_force()
    {
        using var dir = new TempDir();
        string file = dir.File("thesis.txt");
        File.WriteAllText(file, "thesis");
        var (code, _, err) = Synth(file, "--force");
        Assert.Equal(CliRun.BadInput, code);
        AssertOneLineNaming(err, file);
        Assert.Equal("thesis", File.ReadAllText(file));
    }

    [Fact]
    [Trait("Category", "Kill")]
    public void A_kill_at_any_moment_of_a_replacement_leaves_the_old_or_the_new_complete_set()
    {
        using var dir = new TempDir();
        string set = dir.File("s");
        Assert.Equal(0, Synth(set).Code);
        int oldClips = SyntheticDescription.TryRead(set)!.Clips;
        foreach (int delay in new[] { 400, 900, 1500, 2500 })
        {
            using var child = CliProcess.Start("data", "synth", "--out", set, "--size", "quick");
            Thread.Sleep(delay);
            CliProcess.KillHard(child);
            Assert.True(SyntheticNtuGenerator.IsSyntheticSet(set), $"after a kill at {delay} ms the set is incomplete");
            var description = SyntheticDescription.TryRead(set)!;
            Assert.Equal(description.Clips, Directory.GetFiles(Path.Combine(set, SyntheticNtuGenerator.SkeletonFolder)).Length - description.Corrupt.Count);
            Assert.Contains(description.Clips, new[] { oldClips, new SyntheticNtuGenerator(SyntheticConfig.For(SyntheticSize.Quick)).Clips.Count });
        }
        Assert.Equal(0, Synth(set, "--force").Code);              // the next start clears what the kills left
        Assert.Equal(["s"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    private static string Clip(TempDir dir)
    {
        string path = dir.File("clip.npy");
        using var x = TorchSharp.torch.randn([1, 3, 10, 25, 2], generator: new TorchSharp.torch.Generator(3));
        SkeletonSsl.Data.Formats.Npy.Write(path, x);
        return path;
    }

    [Fact]
    public void Data_show_replaces_its_own_page_but_not_a_users_file_or_its_input()
    {
        SkeletonSsl.Training.NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        string clip = Clip(dir), page = dir.File("fig.html"), mine = dir.File("mine.html");
        Assert.Equal(0, CliHarness.Run("data", "show", "--input", clip, "--out", page).Code);
        Assert.Equal(0, CliHarness.Run("data", "show", "--input", clip, "--out", page).Code);
        File.WriteAllText(mine, "<html>my page</html>");
        var (code, _, err) = CliHarness.Run("data", "show", "--input", clip, "--out", mine);
        Assert.Equal(CliRun.BadInput, code);
        AssertOneLineNaming(err, mine);
        Assert.Equal("<html>my page</html>", File.ReadAllText(mine));
        Assert.Equal(0, CliHarness.Run("data", "show", "--input", clip, "--out", mine, "--force").Code);
        Assert.Equal(CliRun.BadInput, CliHarness.Run("data", "show", "--input", clip, "--out", clip, "--force").Code);
        Assert.True(SkeletonSsl.Data.Formats.Npy.ReadTensor(clip).dim() == 5);
    }

    [Fact]
    public void Model_embed_replaces_an_existing_output_only_with_force_and_never_its_input()
    {
        using var dir = new TempDir();
        string output = dir.File("y.npy");
        File.WriteAllText(output, "my array");
        string[] embed = ["model", "embed", "--encoder", "stgcn", "--weights", Encoders.PyTorchParityTests.Fixture("stgcn_small.safetensors"),
                          "--input", Encoders.PyTorchParityTests.Fixture("stgcn_input.npy"), "--output", output];
        var (code, _, err) = CliHarness.Run(embed);
        Assert.Equal(CliRun.BadInput, code);
        AssertOneLineNaming(err, output);
        Assert.Equal("my array", File.ReadAllText(output));
        Assert.Equal(0, CliHarness.Run([.. embed, "--force"]).Code);
        Assert.Equal(CliRun.BadInput, CliHarness.Run([.. embed[..^1], Encoders.PyTorchParityTests.Fixture("stgcn_input.npy"), "--force"]).Code);
    }

    private static string Notebook(string path, string source)
    {
        File.WriteAllText(path, $$"""
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["{{source}}"]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);
        return path;
    }

    [Fact]
    public void Notebook_run_writes_over_an_executed_copy_of_the_same_notebook_only()
    {
        using var dir = new TempDir();
        string notebook = Notebook(dir.File("a.ipynb"), "1 + 1"), other = Notebook(dir.File("b.ipynb"), "2 + 2");
        Assert.True(SkeletonSsl.Cli.Commands.NotebookRunCommand.IsCopyOf(Notebook(dir.File("copy.ipynb"), "1 + 1"), notebook));
        Assert.False(SkeletonSsl.Cli.Commands.NotebookRunCommand.IsCopyOf(other, notebook));
        var (code, _, err) = CliHarness.Run("notebook", "run", notebook, "--out", other);
        Assert.Equal(CliRun.BadInput, code);
        AssertOneLineNaming(err, other);
        Assert.Contains("2 + 2", File.ReadAllText(other));
        Assert.Equal(CliRun.BadInput, CliHarness.Run("notebook", "run", notebook, "--out", notebook, "--force").Code);
    }

    [Fact]
    public void Table_outputs_refuse_a_users_folder_and_files()
    {
        using var dir = new TempDir();
        string mine = dir.File("mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "thesis.txt"), "thesis");
        var (code, _, err) = CliHarness.Run("table", "run", "aimclr-table6", "--profile", "smoke", "--out", mine);
        Assert.Equal(CliRun.BadInput, code);
        AssertOneLineNaming(err, mine);
        Assert.Equal(["thesis.txt"], Directory.GetFileSystemEntries(mine).Select(Path.GetFileName));
        string csv = Path.Combine(mine, "thesis.txt");
        (code, _, err) = CliHarness.Run("table", "show", "aimclr-table6", "--results", dir.File("results"), "--csv", csv);
        Assert.Equal(CliRun.BadInput, code);
        Assert.Equal("thesis", File.ReadAllText(csv));
        string own = dir.File("t.csv");
        Assert.Equal(0, CliHarness.Run("table", "show", "aimclr-table6", "--results", dir.File("results"), "--csv", own).Code);
        Assert.Equal(0, CliHarness.Run("table", "show", "aimclr-table6", "--results", dir.File("results"), "--csv", own).Code);
    }
}
