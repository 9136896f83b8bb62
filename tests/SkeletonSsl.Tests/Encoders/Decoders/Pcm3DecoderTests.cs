using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Decoders;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Encoders.Decoders;

public sealed class Pcm3DecoderTests
{
    [Fact]
    public void Parameter_count_and_keys_equal_the_spec()
    {
        using var decoder = new Pcm3Decoder(generator: new Generator(1));
        // spec/pcm3.md §5.1: decoder side 4.54 M.
        Assert.Equal(4_541_590, decoder.parameters().Sum(p => p.numel()));
        var sd = decoder.state_dict();
        Assert.Equal(new long[] { 512, 2048 }, sd["linear.0.weight"].shape);
        Assert.Equal(new long[] { 512 }, sd["linear.1.running_var"].shape);
        Assert.Equal(new long[] { 512, 512 }, sd["linear.3.weight"].shape);
        Assert.Equal(new long[] { 1536, 512 }, sd["recons_decoder.decoder.weight_ih_l1"].shape);
        Assert.Equal(new long[] { 1536 }, sd["recons_decoder.decoder.bias_hh_l0"].shape);
        Assert.Equal(new long[] { 150, 512 }, sd["recons_decoder.reconstruction.weight"].shape);
        Assert.DoesNotContain(sd.Keys, k => k.Contains("reverse") || k.Contains("_l2"));
    }

    [Fact]
    public void Predicts_a_full_sequence_and_trains_every_parameter()
    {
        using var scope = NewDisposeScope();
        using var decoder = new Pcm3Decoder(new Pcm3DecoderConfig { FeatureDim = 32, Width = 16 }, new Generator(2));
        decoder.train();
        var h = randn(new long[] { 3, 7, 32 }, generator: new Generator(3));
        var y = decoder.forward(h);
        Assert.Equal(new long[] { 3, 7, 150 }, y.shape);
        y.square().mean().backward();
        foreach (var (name, p) in decoder.named_parameters())
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} has no gradient");
    }

    [Fact]
    public void A2mc_class_head_is_fixed_but_passes_gradients_to_its_input()
    {
        using var scope = NewDisposeScope();
        var head = A2mcClassHead.Create(generator: new Generator(4));
        Assert.All(head.parameters(), p => Assert.False(p.requires_grad));
        Assert.Equal(new long[] { 128, 2048 }, head.weight!.shape);
        Assert.True(head.weight.abs().max().item<float>() <= Math.Sqrt(6.0 / (2048 + 128)));
        var x = randn(new long[] { 2, 2048 }, generator: new Generator(5)).requires_grad_(true);
        head.forward(x).sum().backward();
        Assert.NotNull(x.grad);
        Assert.Null(head.weight.grad);
    }
}
