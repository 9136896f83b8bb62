using SkeletonSsl.Encoders.Gru;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Encoders.Gru;

/// <summary>
/// The hand-written backward of <see cref="CausalBiGru"/> against autograd through the formulation
/// of spec/pcm3.md §5.1: one unidirectional single-layer nn.GRU per (layer, chain), layer l + 1
/// reading [h_fwd; h_rev]. Double precision, tiny sizes.
/// </summary>
public sealed class CausalBiGruGradientTests
{
    private const int Input = 7, Hidden = 5, Layers = 2;

    private static (CausalBiGru ours, GRU[][] chains) Models(ulong seed)
    {
        var ours = new CausalBiGru(Input, Hidden, Layers);
        ours.ResetParameters(new Generator(seed));
        ours.to(float64);
        var chains = new GRU[Layers][];
        var state = ours.state_dict();
        using var _ = no_grad();
        for (int l = 0; l < Layers; l++)
        {
            chains[l] = new GRU[2];
            for (int c = 0; c < 2; c++)
            {
                var gru = nn.GRU(l == 0 ? Input : 2 * Hidden, Hidden, batchFirst: true);
                gru.to(float64);
                string suffix = c == 0 ? $"_l{l}" : $"_l{l}_reverse";
                foreach (var (name, p) in gru.named_parameters()) p.copy_(state[name.Replace("_l0", suffix)]);
                chains[l][c] = gru;
            }
        }
        return (ours, chains);
    }

    private static Tensor Reference(GRU[][] chains, Tensor seq)
    {
        var x = seq;
        foreach (var layer in chains) x = cat([layer[0].forward(x, null).Item1, layer[1].forward(x, null).Item1], 2);
        return x;
    }

    [Theory]
    [InlineData(3, 6)]
    [InlineData(2, 1)]
    public void Gradients_equal_autograd_through_six_unidirectional_grus(int batch, int frames)
    {
        using var scope = NewDisposeScope();
        var (ours, chains) = Models(21);
        var seq = randn(new long[] { batch, frames, Input }, dtype: float64, generator: new Generator(22));
        // A random weighting of every output, so every step's gradient reaches the recursion.
        var weights = randn(new long[] { batch, frames, 2 * Hidden }, dtype: float64, generator: new Generator(23));

        var seqOurs = seq.clone().requires_grad_(true);
        var outOurs = ours.forward(seqOurs);
        (outOurs * weights).sum().backward();

        var seqRef = seq.clone().requires_grad_(true);
        var outRef = Reference(chains, seqRef);
        (outRef * weights).sum().backward();

        Assert.True(allclose(outOurs, outRef, rtol: 1e-10, atol: 1e-12), $"outputs differ by {(outOurs - outRef).abs().max().item<double>()}");
        AssertClose("input", seqOurs.grad!, seqRef.grad!);
        var ourParams = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        for (int l = 0; l < Layers; l++)
            for (int c = 0; c < 2; c++)
                foreach (var (name, p) in chains[l][c].named_parameters())
                {
                    string key = name.Replace("_l0", c == 0 ? $"_l{l}" : $"_l{l}_reverse");
                    AssertClose(key, ourParams[key].grad!, p.grad!);
                }
    }

    [Fact]
    public void Without_autograd_the_output_is_the_same_and_records_no_graph()
    {
        using var scope = NewDisposeScope();
        var (ours, _) = Models(24);
        var seq = randn(new long[] { 2, 5, Input }, dtype: float64, generator: new Generator(25));
        var recorded = ours.forward(seq);
        Assert.True(recorded.requires_grad);
        Tensor plain;
        using (no_grad()) plain = ours.forward(seq);
        Assert.False(plain.requires_grad);
        Assert.True(recorded.detach().eq(plain).all().item<bool>());
    }

    private static void AssertClose(string what, Tensor ours, Tensor reference)
    {
        Assert.Equal(reference.shape, ours.shape);
        double diff = (ours - reference).abs().max().item<double>();
        double scale = reference.abs().max().item<double>();
        Assert.True(diff <= 1e-10 * Math.Max(1, scale), $"gradient of {what} differs by {diff} (max |grad| {scale})");
    }
}
