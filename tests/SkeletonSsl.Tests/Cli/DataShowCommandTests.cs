using SkeletonSsl.Cli;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Tests.Augmentations;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Cli;

public sealed class DataShowCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skeleton-show-").FullName;

    private static int Run(params string[] args) => Program.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Show_writes_an_offline_page_for_an_npy_clip_and_a_preset()
    {
        string npy = Path.Combine(_dir, "clips.npy");
        using (var x = Clips.Random(n: 4, t: 50)) Npy.Write(npy, x);
        string html = Path.Combine(_dir, "fig.html");
        Assert.Equal(0, Run("data", "show", "--input", npy, "--index", "2", "--preset", "aimclr-normal", "--out", html));
        string page = File.ReadAllText(html);
        Assert.Contains("plotly.min.js.LICENSE.txt", page);
        Assert.Contains("aimclr-normal", page);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
    }

    [Fact]
    public void Show_refuses_an_index_outside_the_array_and_a_wrong_shape()
    {
        string npy = Path.Combine(_dir, "clips.npy");
        using (var x = Clips.Random(n: 2, t: 5)) Npy.Write(npy, x);
        Assert.Equal(CliRun.BadInput, Run("data", "show", "--input", npy, "--index", "5", "--out", Path.Combine(_dir, "a.html")));
        Assert.Equal(CliRun.BadInput, Run("data", "show", "--input", npy, "--preset", "pcm3-inter", "--out", Path.Combine(_dir, "b.html")));
        string bad = Path.Combine(_dir, "bad.npy");
        using (var y = zeros(new long[] { 2, 3, 4 })) Npy.Write(bad, y);
        Assert.Equal(CliRun.BadInput, Run("data", "show", "--input", bad, "--out", Path.Combine(_dir, "c.html")));
        Assert.False(File.Exists(Path.Combine(_dir, "a.html")));
    }

    [Fact]
    public void Show_takes_a_store_parts_frame_counts_from_its_num_frame_file_and_names_a_bad_one()
    {
        string npy = Path.Combine(_dir, "train_data.npy");
        using (var x = Clips.Random(n: 4, t: 300)) Npy.Write(npy, x);
        string numFrame = Path.Combine(_dir, "train_num_frame.npy");
        Npy.Write(numFrame, new long[] { 40, 300, 120, 64 }, 4);
        string html = Path.Combine(_dir, "fig.html");
        Assert.Equal(0, Run("data", "show", "--input", npy, "--preset", "cmd-basic", "--out", html));
        Assert.Contains("cmd-basic", File.ReadAllText(html));
        Npy.Write(numFrame, new long[] { 40, 300 }, 2);
        Assert.Equal(CliRun.BadInput, Run("data", "show", "--input", npy, "--preset", "cmd-basic", "--out", html, "--force"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
