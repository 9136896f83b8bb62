using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders;

/// <summary>
/// Inverted dropout (PyTorch semantics) that draws its mask from a caller's generator, so that a
/// seeded run repeats exactly; without a generator it uses torch's global one. Parameter-free.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _p;
    private readonly Generator? _generator;

    public SeededDropout(double p, Generator? generator = null) : base(nameof(SeededDropout))
    {
        if (p is < 0 or >= 1) throw new ArgumentException($"dropout probability {p}: expected 0 <= p < 1");
        _p = p;
        _generator = generator;
    }

    /// <summary>x: any shape → same shape; identity in eval mode or when p = 0.</summary>
    public override Tensor forward(Tensor x)
    {
        if (!training || _p == 0) return x.alias();
        if (_generator is null) return nn.functional.dropout(x, _p, training: true);
        using var mask = empty_like(x).bernoulli_(1 - _p, _generator);
        return x * mask.div_(1 - _p);
    }
}
