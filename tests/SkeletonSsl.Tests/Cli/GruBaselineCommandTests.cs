using System.Text.Json.Nodes;
using SkeletonSsl.Cli;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tests.Data;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Cli;

/// <summary>
/// SkeletonCLR's MoCo v2 on the GRU encoder, the contrastive base of PCM3 and A2MC, from the command line as a user
/// runs it: the synthetic raw files prepared with the CMD pipeline, pre-trained with the CMD preset, then evaluated by
/// the CMD recipes (linear evaluation and 1-NN retrieval).
/// </summary>
[Collection(RedirectedConsoleCollection.Name)]
public sealed class GruBaselineCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public GruBaselineCommandTests() => NativeRuntime.EnsureInitialised();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SkeletonClr_on_the_gru_pretrains_on_a_cmd_store_and_is_evaluated_by_the_cmd_recipes()
    {
        string store = _dir.File("ntu60-cmd");
        var (code, _, err) = CliHarness.Run("data", "prepare", "--dataset", "ntu60", "--raw", SmokeStores.Raw, "--pipeline", "cmd", "--out", store);
        Assert.True(code == 0, err);

        string run = _dir.File("run");
        (code, _, err) = CliHarness.Run("pretrain", "--method", "skeletonclr", "--encoder", "gru", "--data", store, "--split", "xsub",
                                        "--profile", "smoke", "--epochs", "2", "--out", run, "--device", "cpu");
        Assert.True(code == 0, err);
        Assert.Contains("SkeletonCLR on BiGRU", err);
        var config = PretrainRunFolder.ReadConfig(run);
        var method = Assert.IsType<SkeletonClrConfig>(config.Method);
        Assert.Equal(("gru", "cmd", "cmd-basic"), (method.Encoder.Kind, method.Pipeline, method.NormalAugmentation));
        Assert.Equal(2, MetricsLog.ReadLosses(run).Count);

        foreach (var protocol in new[] { "linear", "knn" })
        {
            string output = _dir.File($"eval-{protocol}");
            (code, _, err) = CliHarness.Run("eval", "--protocol", protocol, "--weights", run, "--data", store, "--split", "xsub",
                                            "--profile", "smoke", "--out", output, "--device", "cpu");
            Assert.True(code == 0, err);
            var result = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "result.json")))!;
            Assert.Equal("cmd", (string)result["protocol_options"]!["recipe"]!);
            Assert.Equal("gru", (string)result["weights"]!["encoder"]!);
            Assert.InRange((double)result["metrics"]!["top1"]!, 100.0 / 60, 100);  // better than no information at all on any class
        }
        var knn = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.File("eval-knn"), "result.json")))!;
        Assert.Equal(1, (int)knn["protocol_config"]!["k"]!);                      // CMD's retrieval: the nearest neighbour
    }

    [Fact]
    public void The_gru_preset_refuses_a_store_of_the_other_pipeline_naming_the_one_it_needs()
    {
        var (code, _, err) = CliHarness.Run("pretrain", "--method", "skeletonclr", "--encoder", "gru", "--data", SmokeStores.AimClr,
                                            "--profile", "smoke", "--out", _dir.File("run"), "--device", "cpu");
        Assert.Equal(CliRun.BadInput, code);
        Assert.Contains("--pipeline cmd", err);
        (code, _, err) = CliHarness.Run("pretrain", "--method", "aimclr", "--encoder", "gru", "--data", SmokeStores.AimClr,
                                        "--profile", "smoke", "--out", _dir.File("run2"), "--device", "cpu");
        Assert.Equal(CliRun.BadInput, code);
        Assert.Contains("no preset for the gru encoder", err);
    }
}
