using SkeletonSsl.Augmentations;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.StGcn;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Encoders.StGcn;

public sealed class StGcnEncoderTests
{
    private static long Count(nn.Module m, Func<string, bool> select) =>
        m.named_parameters().Where(p => select(p.name)).Sum(p => p.parameter.numel());

    [Fact]
    public void Parameter_counts_equal_the_spec()
    {
        using var model = new StGcnEncoder(generator: new Generator(1));
        Assert.Equal(802_630, Count(model, n => !n.StartsWith("fc.") && !n.StartsWith("edge_importance.")));
        Assert.Equal(18_750, Count(model, n => n.StartsWith("edge_importance.")));
        Assert.Equal(98_688, Count(model, n => n.StartsWith("fc.")));
        Assert.Equal(920_068, Count(model, _ => true));
        using var eval = new StGcnEncoder(StGcnConfig.AimClr with { MlpHead = false, HeadOutput = 60 }, new Generator(1));
        Assert.Equal(836_800, Count(eval, _ => true));
    }

    [Fact]
    public void State_dict_keys_are_the_reference_keys()
    {
        using var model = new StGcnEncoder(generator: new Generator(1));
        var keys = model.state_dict().Keys.ToHashSet();
        var expected = new List<string> { "A" };
        expected.AddRange(Bn("data_bn"));
        for (int i = 0; i < 10; i++)
        {
            string p = $"st_gcn_networks.{i}.";
            expected.AddRange([p + "gcn.conv.weight", p + "gcn.conv.bias", p + "tcn.2.weight", p + "tcn.2.bias"]);
            expected.AddRange(Bn(p + "tcn.0").Concat(Bn(p + "tcn.3")));
            if (i is 4 or 7 or 9) expected.AddRange(new[] { p + "residual.0.weight", p + "residual.0.bias" }.Concat(Bn(p + "residual.1")));
            expected.Add($"edge_importance.{i}");
        }
        expected.AddRange(["fc.0.weight", "fc.0.bias", "fc.2.weight", "fc.2.bias"]);
        Assert.Equal(expected.OrderBy(k => k, StringComparer.Ordinal), keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new long[] { 48, 3, 1, 1 }, model.state_dict()["st_gcn_networks.0.gcn.conv.weight"].shape);
        Assert.Equal(new long[] { 256, 64, 1, 1 }, model.state_dict()["st_gcn_networks.9.residual.0.weight"].shape);
        Assert.Equal(new long[] { 32, 32, 9, 1 }, model.state_dict()["st_gcn_networks.5.tcn.2.weight"].shape);
    }

    private static IEnumerable<string> Bn(string p) =>
        [p + ".weight", p + ".bias", p + ".running_mean", p + ".running_var", p + ".num_batches_tracked"];

    [Fact]
    public void Shapes_follow_the_spec_from_input_to_projection()
    {
        using var scope = NewDisposeScope();
        using var model = new StGcnEncoder(generator: new Generator(2));
        model.eval();
        var x = randn(new long[] { 2, 3, 50, 25, 2 }, generator: new Generator(3));
        Assert.Equal(new long[] { 4, 256, 13, 25 }, model.FeatureMap(x).shape);
        Assert.Equal(new long[] { 2, 256 }, model.Features(x).shape);
        Assert.Equal(new long[] { 2, 128 }, model.forward(x).shape);
    }

    [Fact]
    public void Every_parameter_receives_a_gradient_in_training()
    {
        using var scope = NewDisposeScope();
        using var model = new StGcnEncoder(generator: new Generator(4));
        model.train();
        var x = randn(new long[] { 2, 3, 20, 25, 2 }, generator: new Generator(5));
        model.forward(x).square().sum().backward();
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.True(p.grad is not null, $"{name} has no gradient");
            Assert.True(p.grad!.abs().sum().item<float>() > 0, $"{name} has an all-zero gradient");
        }
    }

    [Fact]
    public void Data_bn_normalises_joint_major_channels_with_bodies_folded_into_the_batch()
    {
        using var scope = NewDisposeScope();
        using var model = new StGcnEncoder(generator: new Generator(6));
        model.train();
        // x[n, c, t, v, m] = 10 v + c: BatchNorm channel v·3 + c sees the constant 10 v + c.
        var value = (arange(25).view(1, 1, 1, 25, 1) * 10 + arange(3).view(1, 3, 1, 1, 1)).to(float32);
        var x = value.expand(2, 3, 8, 25, 2).contiguous();
        model.Features(x);
        var runningMean = model.state_dict()["data_bn.running_mean"];
        var expected = (arange(25).view(25, 1) * 10 + arange(3).view(1, 3)).reshape(75).to(float32) * 0.1f;
        Assert.True(allclose(runningMean, expected, rtol: 1e-5, atol: 1e-5));
        Assert.Equal(new long[] { 75 }, runningMean.shape);
    }

    [Fact]
    public void Same_seed_gives_the_same_weights_and_init_follows_the_reference_distributions()
    {
        using var a = new StGcnEncoder(generator: new Generator(7));
        using var b = new StGcnEncoder(generator: new Generator(7));
        foreach (var (name, t) in a.state_dict())
            Assert.True(t.equal(b.state_dict()[name]).all().item<bool>(), $"{name} differs between equal seeds");
        var sd = a.state_dict();
        Assert.Equal(0.02, sd["fc.0.weight"].std().item<float>(), 2);
        Assert.Equal(0f, sd["fc.0.bias"].abs().sum().item<float>());
        Assert.Equal(1.0, sd["st_gcn_networks.3.tcn.0.weight"].mean().item<float>(), 1);
        Assert.True(sd["edge_importance.2"].eq(1).all().item<bool>());
    }

    [Fact]
    public void Forward_with_drop_pools_both_maps_through_the_same_head()
    {
        using var scope = NewDisposeScope();
        using var model = new StGcnEncoder(generator: new Generator(8));
        model.eval();
        var x = randn(new long[] { 3, 3, 16, 25, 2 }, generator: new Generator(9));
        var (z, zSame) = model.ForwardWithDrop(x, f => f.alias());
        Assert.True(allclose(z, model.forward(x), rtol: 1e-5, atol: 1e-6));
        Assert.True(allclose(z, zSame));
        var (_, zZero) = model.ForwardWithDrop(x, f => zeros_like(f));
        var fc = (nn.Module<Tensor, Tensor>)model.HeadModule;
        Assert.True(allclose(zZero, fc.forward(zeros(3, 256))));
    }

    [Fact]
    public void Set_head_replaces_fc_with_an_evaluation_linear()
    {
        using var scope = NewDisposeScope();
        using var model = new StGcnEncoder(generator: new Generator(10));
        model.SetHead(ProjectionHeads.Classifier(256, 60, 0.02, new Generator(11)));
        var keys = model.state_dict().Keys.Where(k => k.StartsWith("fc")).Order().ToArray();
        Assert.Equal(["fc.bias", "fc.weight"], keys);
        model.eval();
        Assert.Equal(new long[] { 2, 60 }, model.forward(randn(new long[] { 2, 3, 12, 25, 2 }, generator: new Generator(13))).shape);
    }

    [Fact]
    public void Standard_widths_build_the_original_st_gcn()
    {
        using var scope = NewDisposeScope();
        using var model = new StGcnEncoder(StGcnConfig.Standard, new Generator(12));
        Assert.Equal(256, model.FeatureDim);
        Assert.Equal(new long[] { 128, 64, 1, 1 }, model.state_dict()["st_gcn_networks.4.residual.0.weight"].shape);
        Assert.False(model.state_dict().ContainsKey("st_gcn_networks.9.residual.0.weight"));
        Assert.Throws<ArgumentException>(() => new StGcnEncoder(StGcnConfig.AimClr with { Strides = [1, 2] }));
    }

    [Fact]
    public void Eadm_drop_branch_trains_the_encoder_through_the_shared_head()
    {
        using var scope = NewDisposeScope();
        using var model = new StGcnEncoder(generator: new Generator(14));
        model.train();
        var x = randn(new long[] { 2, 3, 20, 25, 2 }, generator: new Generator(15));
        var (z, zDrop) = model.ForwardWithDrop(x, new Eadm().AsHook());
        Assert.Equal(new long[] { 2, 128 }, zDrop.shape);
        Assert.False(allclose(z, zDrop));
        zDrop.square().sum().backward();
        Assert.True(model.named_parameters().All(p => p.parameter.grad is not null));
    }
}
