using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Gru;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Encoders.Gru;

public sealed class GruEncoderTests
{
    private static long Count(nn.Module m, Func<string, bool> select) =>
        m.named_parameters().Where(p => select(p.name)).Sum(p => p.parameter.numel());

    private static Tensor Clip(long n, long t, ulong seed) => randn(new long[] { n, 3, t, 25, 2 }, generator: new Generator(seed));

    [Fact]
    public void Parameter_counts_equal_the_spec()
    {
        using var model = new GruEncoder(generator: new Generator(1));
        // spec/pcm3.md §5.1: encoder body 44.999 M, with the projection head 49.458 M.
        Assert.Equal(44_998_956, Count(model, n => !n.StartsWith("fc.")));
        Assert.Equal(49_457_580, Count(model, _ => true));
    }

    [Fact]
    public void State_dict_keys_and_shapes_are_the_reference_ones()
    {
        using var model = new GruEncoder(generator: new Generator(1));
        var sd = model.state_dict();
        var expected = new Dictionary<string, long[]>
        {
            ["input_norm.weight"] = [150], ["input_norm.bias"] = [150], ["input_norm.running_mean"] = [150], ["input_norm.running_var"] = [150],
            ["fc.0.weight"] = [2048, 2048], ["fc.0.bias"] = [2048], ["fc.2.weight"] = [128, 2048], ["fc.2.bias"] = [128],
        };
        for (int l = 0; l < 3; l++)
            foreach (string s in new[] { $"_l{l}", $"_l{l}_reverse" })
            {
                expected[$"encoder.gru.weight_ih{s}"] = [3072, l == 0 ? 150 : 2048];
                expected[$"encoder.gru.weight_hh{s}"] = [3072, 1024];
                expected[$"encoder.gru.bias_ih{s}"] = [3072];
                expected[$"encoder.gru.bias_hh{s}"] = [3072];
            }
        Assert.Equal(expected.Keys.Append("input_norm.num_batches_tracked").Order(), sd.Keys.Order());
        foreach (var (key, shape) in expected) Assert.Equal(shape, sd[key].shape);
    }

    [Fact]
    public void Full_size_shapes_are_2048_features_and_128_projections()
    {
        using var scope = NewDisposeScope();
        using var model = new GruEncoder(generator: new Generator(2));
        model.eval();
        var x = Clip(2, 4, 3);
        Assert.Equal(new long[] { 2, 4, 2048 }, model.SequenceOutput(x).shape);
        Assert.Equal(new long[] { 2, 2048 }, model.Features(x).shape);
        Assert.Equal(new long[] { 2, 128 }, model.forward(x).shape);
    }

    [Fact]
    public void Sequence_layout_index_is_6v_plus_2c_plus_m()
    {
        using var scope = NewDisposeScope();
        var x = zeros(new long[] { 1, 3, 2, 25, 2 });
        x[0, 1, 1, 7, 1] = tensor(5f); // c = 1, t = 1, v = 7, m = 1
        var seq = GruEncoder.ToSequence(x);
        Assert.Equal(new long[] { 1, 2, 150 }, seq.shape);
        Assert.Equal(5f, seq[0, 1, 6 * 7 + 2 * 1 + 1].item<float>());
        Assert.Equal(5f, seq.sum().item<float>());
        Assert.True(GruEncoder.FromSequence(seq).eq(x).all().item<bool>());
    }

    [Fact]
    public void Both_chains_equal_a_bidirectional_gru_fed_one_frame_at_a_time()
    {
        using var scope = NewDisposeScope();
        const int hidden = 8;
        var config = GruEncoderConfig.Cmd with { Hidden = hidden };
        using var model = new GruEncoder(config, new Generator(4));
        // The reference: a true bidirectional 3-layer GRU called on length-1 slices, carrying h.
        using var reference = nn.GRU(150, hidden, numLayers: 3, batchFirst: true, bidirectional: true);
        var gruState = model.state_dict().Where(kv => kv.Key.StartsWith("encoder.gru.")).ToDictionary(kv => kv.Key["encoder.gru.".Length..], kv => kv.Value);
        using (no_grad())
            foreach (var (name, p) in reference.named_parameters()) p.copy_(gruState[name]);
        var seq = randn(new long[] { 3, 6, 150 }, generator: new Generator(5));
        var ours = model.Gru.forward(seq);
        Tensor? h = null, outputs = null;
        var steps = new List<Tensor>();
        for (int t = 0; t < 6; t++)
        {
            (outputs, h) = reference.forward(seq.narrow(1, t, 1), h);
            steps.Add(outputs);
        }
        var expected = cat(steps, 1);
        Assert.Equal(expected.shape, ours.shape);
        Assert.True(allclose(ours, expected, rtol: 1e-5, atol: 1e-6), $"max diff {(ours - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void Every_parameter_receives_a_gradient()
    {
        using var scope = NewDisposeScope();
        using var model = new GruEncoder(GruEncoderConfig.Cmd with { Hidden = 16 }, new Generator(6));
        model.train();
        model.forward(Clip(3, 5, 7)).square().sum().backward();
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.True(p.grad is not null, $"{name} has no gradient");
            Assert.True(p.grad!.abs().sum().item<float>() > 0, $"{name} has an all-zero gradient");
        }
    }

    [Fact]
    public void Feature_is_the_last_step_and_does_not_see_the_future()
    {
        using var scope = NewDisposeScope();
        using var model = new GruEncoder(GruEncoderConfig.Cmd with { Hidden = 16 }, new Generator(8));
        model.eval();
        var x = Clip(2, 6, 9);
        var all = model.SequenceOutput(x);
        Assert.True(allclose(model.Features(x), all.select(1, 5)));
        var changedLast = x.clone();
        changedLast[.., .., 5] = tensor(3f);
        var allChanged = model.SequenceOutput(changedLast);
        // Both chains are causal: steps 0..4 do not depend on frame 5.
        Assert.True(allclose(all.narrow(1, 0, 5), allChanged.narrow(1, 0, 5)));
        Assert.False(allclose(all.select(1, 5), allChanged.select(1, 5)));
    }

    [Fact]
    public void Init_is_xavier_for_gru_weights_and_seeded()
    {
        using var a = new GruEncoder(GruEncoderConfig.Cmd with { Hidden = 32 }, new Generator(10));
        using var b = new GruEncoder(GruEncoderConfig.Cmd with { Hidden = 32 }, new Generator(10));
        foreach (var (name, t) in a.state_dict())
            Assert.True(t.eq(b.state_dict()[name]).all().item<bool>(), $"{name} differs between equal seeds");
        var w = a.state_dict()["encoder.gru.weight_hh_l1_reverse"]; // 96 × 32
        double bound = Math.Sqrt(6.0 / (96 + 32));
        Assert.True(w.abs().max().item<float>() <= bound);
        Assert.True(w.abs().max().item<float>() > 0.9 * bound);
        using var eval = new GruEncoder(GruEncoderConfig.Cmd with { Hidden = 32, MlpHead = false, HeadOutput = 60 }, new Generator(11));
        Assert.Equal(0f, eval.state_dict()["fc.bias"].abs().sum().item<float>());
    }

    [Fact]
    public void Set_head_swaps_in_a_classifier()
    {
        using var scope = NewDisposeScope();
        using var model = new GruEncoder(GruEncoderConfig.Cmd with { Hidden = 16 }, new Generator(12));
        model.SetHead(ProjectionHeads.Classifier(model.FeatureDim, 5, 0.01, new Generator(13)));
        model.eval();
        Assert.Equal(new long[] { 2, 5 }, model.forward(Clip(2, 3, 14)).shape);
        Assert.Contains("fc.weight", model.state_dict().Keys);
    }
}
