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
        long n = seq.shape[0], t = seq.shape[1];
        int h3 = 3 * _hidden;
        var x = seq;
        for (int l = 0; l < _layers; l++)
        {
            var (f, r) = (Suffixes(l)[0], Suffixes(l)[1]);
            // Input projections of both chains for all steps in one GEMM: (N, T, 2·3H) → (2, N, T, 3H).
            var wIh = cat([get_parameter("weight_ih" + f), get_parameter("weight_ih" + r)], 0);
            var bIh = cat([get_parameter("bias_ih" + f), get_parameter("bias_ih" + r)], 0);
            var gi = nn.functional.linear(x, wIh, bIh).view(n, t, 2, h3).permute(2, 0, 1, 3);
            // Recurrent weights of both chains, batched: (2, H, 3H) and biases (2, 1, 3H).
            var wHh = stack([get_parameter("weight_hh" + f), get_parameter("weight_hh" + r)], 0).transpose(1, 2);
            var bHh = stack([get_parameter("bias_hh" + f), get_parameter("bias_hh" + r)], 0).unsqueeze(1);
            var h = zeros(2, n, _hidden, dtype: seq.dtype, device: seq.device);
            var outputs = new Tensor[t];
            for (int step = 0; step < t; step++)
            {
                var giT = gi.select(2, step);              // (2, N, 3H)
                var gh = bmm(h, wHh).add_(bHh);            // (2, N, 3H)
                // PyTorch GRU cell (spec/pcm3.md §5.1): r, z = σ(W_i x + b_i + W_h h + b_h) …
                var rz = (giT.narrow(2, 0, 2 * _hidden) + gh.narrow(2, 0, 2 * _hidden)).sigmoid_();
                var rGate = rz.narrow(2, 0, _hidden);
                var zGate = rz.narrow(2, _hidden, _hidden);
                // … n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h = n + z ⊙ (h − n).
                var nGate = (giT.narrow(2, 2 * _hidden, _hidden) + rGate * gh.narrow(2, 2 * _hidden, _hidden)).tanh_();
                h = nGate + zGate * (h - nGate);
                outputs[step] = h;
            }
            // (T, 2, N, H) → (N, T, 2, H) → (N, T, 2H): [h_fwd(t); h_rev(t)].
            x = stack(outputs, 0).permute(2, 0, 1, 3).reshape(n, t, 2 * _hidden);
        }
        return x.MoveToOuterDisposeScope();
    }
}
