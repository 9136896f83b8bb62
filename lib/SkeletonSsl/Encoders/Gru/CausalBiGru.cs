using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.Gru;

/// <summary>
/// The CMD "bidirectional" GRU as the reference actually runs it (spec/pcm3.md §5.1): the
/// reference feeds its bidirectional GRU one frame at a time and carries the hidden state, so the
/// "reverse" chain also runs forward in time. Each layer l is therefore two independent causal
/// GRU chains (fwd and rev) reading the same input, and layer l + 1 reads their concatenation.
/// Parameters keep PyTorch's nn.GRU names (<c>weight_ih_l{l}</c>, <c>weight_ih_l{l}_reverse</c>, …;
/// gate rows ordered r, z, n), so the reference checkpoints load unchanged.
/// </summary>
public sealed class CausalBiGru : nn.Module<Tensor, Tensor>
{
    private readonly int _inputSize;
    private readonly int _hidden;
    private readonly int _layers;

    public CausalBiGru(int inputSize, int hidden, int layers) : base(nameof(CausalBiGru))
    {
        _inputSize = inputSize;
        _hidden = hidden;
        _layers = layers;
        for (int l = 0; l < layers; l++)
        {
            int input = l == 0 ? inputSize : 2 * hidden;
            foreach (string suffix in Suffixes(l))
            {
                register_parameter("weight_ih" + suffix, new Parameter(empty(3 * hidden, input)));
                register_parameter("weight_hh" + suffix, new Parameter(empty(3 * hidden, hidden)));
                register_parameter("bias_ih" + suffix, new Parameter(empty(3 * hidden)));
                register_parameter("bias_hh" + suffix, new Parameter(empty(3 * hidden)));
            }
        }
        RegisterComponents();
    }

    private static string[] Suffixes(int layer) => [$"_l{layer}", $"_l{layer}_reverse"];

    private Tensor Param(string name) => get_parameter(name) ?? throw new InvalidOperationException($"GRU parameter {name} is not registered");

    /// <summary>Hidden size of one chain.</summary>
    public int Hidden => _hidden;

    /// <summary>
    /// The reference initialisation (spec/pcm3.md §5.2): Xavier-uniform weights
    /// (bound √(6 / (fan_in + fan_out))) and PyTorch's GRU bias default U(−1/√H, 1/√H).
    /// </summary>
    public void ResetParameters(Generator? generator)
    {
        using var _ = no_grad();
        double biasBound = 1.0 / Math.Sqrt(_hidden);
        foreach (var (name, p) in named_parameters())
        {
            if (p.dim() == 2)
            {
                double bound = Math.Sqrt(6.0 / (p.shape[0] + p.shape[1]));
                p.uniform_(-bound, bound, generator);
            }
            else
            {
                p.uniform_(-biasBound, biasBound, generator);
            }
        }
    }

    /// <summary>
    /// seq: (N, T, InputSize) → (N, T, 2H), the top layer's [h_fwd(t); h_rev(t)] at every step,
    /// with h(−1) = 0 in every chain.
    /// </summary>
    public override Tensor forward(Tensor seq)
    {
        if (seq.dim() != 3 || seq.shape[2] != _inputSize)
            throw new ArgumentException($"GRU input must be (N, T, {_inputSize}), got [{string.Join(", ", seq.shape)}]");
        using var scope = NewDisposeScope();
        return ForwardTimeMajor(seq.transpose(0, 1)).transpose(0, 1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The same in time-major layout: seq (T, N, InputSize) → (T, N, 2H), each layer one
    /// <see cref="CausalGruLayer"/> node for both chains.
    /// </summary>
    public Tensor ForwardTimeMajor(Tensor seq)
    {
        if (seq.dim() != 3 || seq.shape[2] != _inputSize)
            throw new ArgumentException($"GRU input must be (T, N, {_inputSize}) time-major, got [{string.Join(", ", seq.shape)}]");
        using var scope = NewDisposeScope();
        long t = seq.shape[0], n = seq.shape[1];
        var x = seq.contiguous();
        for (int l = 0; l < _layers; l++)
        {
            var (f, r) = (Suffixes(l)[0], Suffixes(l)[1]);
            Tensor[] weights = [.. new[] { f, r }.SelectMany(suffix => new[] { "weight_ih", "bias_ih", "weight_hh", "bias_hh" }.Select(w => Param(w + suffix)))];
            // (T, N, 2, H) → (T, N, 2H): [h_fwd(t); h_rev(t)], the next layer's input.
            x = CausalGruLayer.Apply(x, weights).view(t, n, 2 * _hidden);
        }
        return x.MoveToOuterDisposeScope();
    }
}
