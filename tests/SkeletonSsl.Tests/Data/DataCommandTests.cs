using SkeletonSsl.Cli;
using SkeletonSsl.Tests.Data.Formats;

namespace SkeletonSsl.Tests.Data;

public sealed class DataCommandTests
{
    private static int Run(params string[] args) => Program.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Prepare_with_a_missing_raw_folder_exits_with_code_2()
    {
        using var dir = new TempDir();
        Assert.Equal(CliRun.BadInput, Run("data", "prepare", "--dataset", "ntu60", "--raw", dir.File("nothing"), "--pipeline", "aimclr", "--out", dir.File("out")));
    }

    [Fact]
    public void Unknown_dataset_pipeline_or_format_exits_with_code_2()
    {
        using var dir = new TempDir();
        Assert.Equal(CliRun.BadInput, Run("data", "prepare", "--dataset", "ntu61", "--raw", dir.Path, "--pipeline", "aimclr", "--out", dir.File("o")));
        Assert.Equal(CliRun.BadInput, Run("data", "prepare", "--dataset", "ntu60", "--raw", dir.Path, "--pipeline", "stgcn", "--out", dir.File("o")));
        Assert.Equal(CliRun.BadInput, Run("data", "synth", "--out", dir.File("s"), "--format", "kinetics"));
        Assert.Equal(CliRun.BadInput, Run("data", "synth", "--out", dir.File("s"), "--classes", "99"));
    }

    [Fact]
    public void Synth_then_prepare_on_a_tiny_set_succeeds()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Run("data", "synth", "--out", dir.File("raw"), "--size", "smoke", "--classes", "3", "--subjects", "4"));
        Assert.Equal(0, Run("data", "prepare", "--dataset", "ntu60", "--raw", dir.File("raw"), "--pipeline", "cmd", "--out", dir.File("store")));
        Assert.True(File.Exists(Path.Combine(dir.File("store"), "manifest.json")));
    }

    [Fact]
    public void Prepare_detection_writes_frame_labels_for_pku_and_refuses_ntu()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Run("data", "synth", "--out", dir.File("raw"), "--size", "smoke", "--format", "pku"));
        Assert.Equal(0, Run("data", "prepare", "--dataset", "pku1", "--raw", dir.File("raw"), "--pipeline", "detection", "--out", dir.File("store")));
        Assert.True(SkeletonSsl.Data.PreparedStore.Open(dir.File("store")).HasFrameLabels("xsub", "train"));
        Assert.Equal(CliRun.BadInput, Run("data", "prepare", "--dataset", "ntu60", "--raw", dir.File("raw"), "--pipeline", "detection", "--out", dir.File("ntu")));
    }
}
