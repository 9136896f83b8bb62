using System.Text.Json.Nodes;
using SkeletonSsl.Cli;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Tests.Data.Formats;

namespace SkeletonSsl.Tests.Cli;

[Collection(RedirectedConsoleCollection.Name)]
public sealed class DataInspectCommandTests
{
    [Fact]
    public void Inspect_SkeletonFile_PrintsFramesBodiesIdsAndNameFields()
    {
        using var tmp = new TempDir();
        string path = tmp.File("S003C002P010R001A055.skeleton");
        var seq = NtuSamples.Random(seed: 2, frames: 12, maxBodies: 3);
        NtuSkeletonWriter.Write(path, seq);
        var (code, stdout, stderr) = CliHarness.Run("data", "inspect", path);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("ntu-skeleton", (string?)json["format"]);
        Assert.Equal(12, (int?)json["frames"]);
        Assert.Equal(seq.MaxBodies, (int?)json["bodies"]);
        Assert.Equal(25, (int?)json["joints"]);
        Assert.Equal(54, (int?)json["name"]!["label"]);
        Assert.Equal(seq.Frames.SelectMany(f => f.Bodies).Select(b => b.BodyId.ToString()).Distinct(),
            json["body_ids"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void Inspect_MalformedSkeleton_ExitsWith2AndNamesFileAndLine()
    {
        using var tmp = new TempDir();
        string path = tmp.File("S001C001P001R001A001.skeleton");
        File.WriteAllText(path, "1\n1\n72057594037931101 0 1 1 1 1 0 0.1 0.2 2\n24\n");
        var (code, stdout, stderr) = CliHarness.Run("data", "inspect", path);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains($"{path}:4 [joint count]", stderr);
    }

    [Fact]
    public void Inspect_NpyNpzPickleAndPkuFiles_GiveTheirSummaries()
    {
        using var tmp = new TempDir();
        string npy = tmp.File("num_frame.npy");
        Npy.Write(npy, new long[] { 50, 300, 64 }, 3);
        var a = DataInspector.Inspect(npy);
        Assert.Equal("<i8", (string?)a["dtype"]);
        Assert.Equal(3, (long?)a["shape"]![0]);
        Assert.False((bool?)a["fortran_order"]);

        string npz = tmp.File("d.npz");
        Npz.Write(npz, new Dictionary<string, NpyArray> { ["x_test"] = new(NpyElementType.Float32, [1, 2], new float[] { 1, 2 }) });
        var z = DataInspector.Inspect(npz);
        Assert.Equal("x_test", (string?)z["members"]![0]!["key"]);
        Assert.Equal("<f4", (string?)z["members"]![0]!["dtype"]);

        string pkl = tmp.File("val_label.pkl");
        LabelPickle.Write(pkl, ["a", "b", "c"], [4, 9, 4]);
        var p = DataInspector.Inspect(pkl);
        Assert.Equal("tuple", (string?)p["structure"]!["type"]);
        Assert.Equal(3, (int?)p["labels"]!["samples"]);
        Assert.Equal(2, (int?)p["labels"]!["classes"]);

        string labels = tmp.File("0002-L-label.txt");
        PkuLabelFile.Write(labels, [new(3, 10, 40, 1), new(7, 50, 90, 2), new(3, 100, 120, 1)]);
        var l = DataInspector.Inspect(labels);
        Assert.Equal("pku-label", (string?)l["format"]);
        Assert.Equal(3, (int?)l["instances"]);
        Assert.Equal(2, (int?)l["classes"]);

        string skeleton = tmp.File("0002-L.txt");
        var values = new float[4 * 150];
        values[0] = 1; values[150 + 80] = 2;
        PkuSkeletonFile.Write(skeleton, new PkuSkeleton(values, 4));
        var s = DataInspector.Inspect(skeleton);
        Assert.Equal("pku-skeleton", (string?)s["format"]);
        Assert.Equal(4, (int?)s["frames"]);
        Assert.Equal(1, (int?)s["frames_with_second_person"]);
        Assert.Equal(2, (int?)s["zero_frames"]);
    }

    [Fact]
    public void Inspect_HostilePickleOrMissingFile_ExitsWith2()
    {
        using var tmp = new TempDir();
        string pkl = tmp.File("evil.pkl");
        File.WriteAllBytes(pkl, new PickleBytes().Proto(2).Global("os", "system").BinUnicode("true").Tuple1().Reduce().Stop().ToArray());
        var (code, _, stderr) = CliHarness.Run("data", "inspect", pkl);
        Assert.Equal(2, code);
        Assert.Contains("os.system", stderr);
        Assert.Equal(2, CliHarness.Run("data", "inspect", tmp.File("nothing.npy")).Code);
        Assert.Equal(2, CliHarness.Run("data", "inspect", tmp.Path).Code); // a directory no inspector recognises
    }
}
