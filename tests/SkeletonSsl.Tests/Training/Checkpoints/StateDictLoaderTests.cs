using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Training.Checkpoints;

public sealed class StateDictLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loader-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static Dictionary<string, Tensor> Copy(nn.Module m, string prefix = "") =>
        m.state_dict().ToDictionary(kv => prefix + kv.Key, kv => kv.Value.clone());

    [Fact]
    public void A_saved_encoder_loads_into_a_fresh_one_and_gives_identical_outputs()
    {
        using var scope = NewDisposeScope();
        using var source = new StGcnEncoder(generator: new Generator(1));
        using var target = new StGcnEncoder(generator: new Generator(2));
        string path = Path.Combine(_dir, "enc.safetensors");
        SafeTensors.Save(source, path);
        var report = StateDictLoader.LoadFile(target, path);
        Assert.True(report.IsComplete);
        Assert.Equal(source.state_dict().Count, report.Loaded.Count);
        source.eval(); target.eval();
        var x = randn(new long[] { 2, 3, 12, 25, 2 }, generator: new Generator(3));
        Assert.True(Same(source.forward(x), target.forward(x)));
    }

    [Fact]
    public void A_missing_key_fails_naming_it()
    {
        using var model = new StGcnEncoder(generator: new Generator(1));
        var sd = Copy(model);
        sd.Remove("st_gcn_networks.3.tcn.2.bias");
        var e = Assert.Throws<CheckpointMismatchException>(() => StateDictLoader.Load(model, sd));
        Assert.Contains("st_gcn_networks.3.tcn.2.bias", e.Message);
        Assert.Equal(["st_gcn_networks.3.tcn.2.bias"], e.Report.Missing);
    }

    [Fact]
    public void An_extra_key_fails_naming_it_and_nothing_is_copied()
    {
        using var model = new StGcnEncoder(generator: new Generator(1));
        using var other = new StGcnEncoder(generator: new Generator(5));
        var sd = Copy(other);
        sd["queue_ptr"] = zeros(1, dtype: int64);
        var e = Assert.Throws<CheckpointMismatchException>(() => StateDictLoader.Load(model, sd));
        Assert.Contains("queue_ptr", e.Message);
        Assert.False(Same(model.state_dict()["fc.0.weight"], other.state_dict()["fc.0.weight"]));
    }

    [Fact]
    public void A_shape_mismatch_fails_naming_both_shapes()
    {
        using var model = new StGcnEncoder(generator: new Generator(1));
        var sd = Copy(model);
        sd["fc.2.weight"] = zeros(60, 256);
        var e = Assert.Throws<CheckpointMismatchException>(() => StateDictLoader.Load(model, sd));
        Assert.Contains("fc.2.weight: module has [128, 256], checkpoint has [60, 256]", e.Message);
    }

    [Fact]
    public void A_prefix_selects_the_query_encoder_of_a_pretraining_checkpoint()
    {
        using var q = new StGcnEncoder(generator: new Generator(1));
        using var k = new StGcnEncoder(generator: new Generator(2));
        var sd = Copy(q, "module.encoder_q.").Concat(Copy(k, "encoder_k.")).ToDictionary();
        sd["queue"] = randn(128, 16);
        using var target = new StGcnEncoder(generator: new Generator(3));
        var report = StateDictLoader.Load(target, sd, new StateDictLoadOptions { Prefix = "encoder_q." });
        Assert.True(report.IsComplete);
        Assert.Equal(k.state_dict().Count + 1, report.Skipped);
        Assert.True(Same(target.state_dict()["st_gcn_networks.7.gcn.conv.weight"], q.state_dict()["st_gcn_networks.7.gcn.conv.weight"]));
    }

    [Fact]
    public void A_partial_load_takes_the_backbone_and_reports_the_head()
    {
        using var pretrained = new StGcnEncoder(generator: new Generator(1));
        using var eval = new StGcnEncoder(StGcnConfig.AimClr with { MlpHead = false, HeadOutput = 60 }, new Generator(2));
        var headBefore = eval.state_dict()["fc.weight"].clone();
        var report = StateDictLoader.Load(eval, Copy(pretrained), new StateDictLoadOptions { AllowPartial = true });
        Assert.Equal(["fc.weight", "fc.bias"], report.Missing.Order().Reverse());
        Assert.Equal(4, report.Unexpected.Count);
        Assert.True(Same(eval.state_dict()["fc.weight"], headBefore));
        Assert.True(Same(eval.state_dict()["data_bn.weight"], pretrained.state_dict()["data_bn.weight"]));
        var ignored = StateDictLoader.Load(eval, Copy(pretrained), new StateDictLoadOptions { Ignore = ["fc."] });
        Assert.True(ignored.IsComplete);
    }
}
