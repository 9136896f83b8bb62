using System.Text.Json.Nodes;
using SkeletonSsl.Cli.Commands;
using SkeletonSsl.Data;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tests.Data;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Training;
using TorchSharp;

namespace SkeletonSsl.Tests.Cli;

/// <summary><c>eval --protocol detection</c> (PCM3 Table 5): untrimmed recordings of a detection store, the in-process numbers.</summary>
public sealed class EvalDetectionCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public EvalDetectionCommandTests() => NativeRuntime.EnsureInitialised();

    public void Dispose() => _dir.Dispose();

    private string[] Args(params string[] more) =>
        ["eval", "--protocol", "detection", "--weights", EvalCommand.RandomInit, "--encoder", "gru", "--data", SmokeStores.Detection,
         "--split", "xsub", "--profile", "smoke", "--seed", "3", "--device", "cpu", "--out", _dir.File("out"), .. more];

    [Fact]
    public void Detection_on_a_detection_store_writes_the_in_process_map_a_and_map_v()
    {
        var (code, stdout, err) = CliHarness.Run(Args("--mode", "linear-only"));
        Assert.True(code == 0, err);
        Assert.Contains("map-v", stdout);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.File("out"), EvalCommand.ResultFile)))!;
        Assert.Equal("detection", (string)result["protocol"]!);
        Assert.Equal("linear-only", (string)result["protocol_options"]!["mode"]!);
        Assert.Equal("detection", (string)result["data"]!["pipeline"]!);

        var (train, test) = DetectionSet.Load(PreparedStore.Open(SmokeStores.Detection), "xsub");
        using (train)
        using (test)
        {
            var expected = EncoderEvaluation.RunDetection(device =>
                {
                    using var generator = new torch.Generator(3);
                    return RandomInitConfig.Gru.For(Profile.Smoke).TrainedEncoder.Build(generator);
                }, SkeletonStream.Joint, train, test, new Dictionary<string, string> { ["recipe"] = "cmd", ["mode"] = "linear-only" }, Profile.Smoke, 3, torch.CPU);
            foreach (var metric in new[] { "map-a", "map-v", "frame-accuracy" })
            {
                Assert.InRange((double)result["metrics"]![metric]!, 0, 100);
                Assert.Equal(expected.Metrics[metric], (double)result["metrics"]![metric]!, 9);
            }
        }
    }

    [Fact]
    public void A_store_of_trimmed_clips_and_a_bad_mode_are_user_errors()
    {
        var (code, _, err) = CliHarness.Run(["eval", "--protocol", "detection", "--weights", EvalCommand.RandomInit, "--encoder", "gru", "--data", SmokeStores.Cmd,
                                             "--split", "xsub", "--profile", "smoke", "--out", _dir.File("clips")]);
        Assert.Equal(2, code);
        Assert.Contains("--pipeline detection", err);
        (code, _, err) = CliHarness.Run(Args("--mode", "frozen"));
        Assert.Equal(2, code);
        Assert.Contains("--mode", err);
        (code, _, err) = CliHarness.Run(["eval", "--protocol", "knn", "--weights", EvalCommand.RandomInit, "--encoder", "gru", "--data", SmokeStores.Cmd,
                                         "--split", "xsub", "--profile", "smoke", "--mode", "finetune", "--out", _dir.File("knn")]);
        Assert.Equal(2, code);
        Assert.Contains("--mode applies to --protocol detection", err);
    }
}
