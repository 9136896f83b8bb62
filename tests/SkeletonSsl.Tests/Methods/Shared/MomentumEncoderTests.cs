using SkeletonSsl.Methods.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Methods.Shared;

public sealed class MomentumEncoderTests
{
    private static (nn.Module Q, nn.Module K) Pair()
    {
        var q = nn.Linear(2, 1);
        var k = nn.Linear(2, 1);
        using (no_grad())
        {
            q.weight!.fill_(1); q.bias!.fill_(1);
            k.weight!.fill_(0); k.bias!.fill_(0);
        }
        return (q, k);
    }

    [Fact]
    public void Update_moves_key_parameters_by_one_minus_m_towards_the_query()
    {
        var (q, k) = Pair();
        MomentumEncoder.Update(q, k, 0.9);                       // 0.9·0 + 0.1·1
        Assert.All(k.parameters(), p => Assert.All(p.data<float>().ToArray(), v => Assert.Equal(0.1f, v, 6)));
        MomentumEncoder.Update(q, k, 0.9);                       // 0.9·0.1 + 0.1·1
        Assert.All(k.parameters(), p => Assert.All(p.data<float>().ToArray(), v => Assert.Equal(0.19f, v, 6)));
    }

    [Fact]
    public void Copy_init_starts_the_key_as_the_query_and_freezes_it()
    {
        var (q, k) = Pair();
        MomentumEncoder.Initialise(q, k, KeyEncoderInit.CopyOfQuery);
        Assert.All(k.parameters(), p => { Assert.False(p.requires_grad); Assert.All(p.data<float>().ToArray(), v => Assert.Equal(1f, v)); });
    }

    [Fact]
    public void Independent_init_keeps_the_key_weights_and_freezes_them()
    {
        var (q, k) = Pair();
        MomentumEncoder.Initialise(q, k, KeyEncoderInit.IndependentInit);
        Assert.All(k.parameters(), p => { Assert.False(p.requires_grad); Assert.All(p.data<float>().ToArray(), v => Assert.Equal(0f, v)); });
    }
}
