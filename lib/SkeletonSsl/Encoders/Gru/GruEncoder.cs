using SkeletonSsl.Skeletons;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.Gru;

/// <summary>
/// The CMD GRU encoder used by PCM3 and A2MC (spec/pcm3.md §5, spec/a2mc.md §1.3): the clip is
/// flattened to a (N, T, 150) sequence with index 6v + 2c + m, normalised by BatchNorm1d(150)
/// (statistics over N·T), run through <see cref="CausalBiGru"/>, and the feature is the 2048-d
/// output at the last step (no pooling). Keys: <c>input_norm.*</c>, <c>encoder.gru.*</c>, <c>fc.*</c>,
/// as in the reference (a pre-training checkpoint prefixes them with <c>encoder_q.</c>).
/// </summary>
public sealed class GruEncoder : SkeletonEncoder
{
    private readonly BatchNorm1d input_norm;
    private readonly ModuleDict<CausalBiGru> encoder;
    private nn.Module<Tensor, Tensor> fc;

    public GruEncoderConfig Config { get; }

    /// <summary>Builds the encoder and applies the reference initialisation (§5.2) from <paramref name="generator"/>.</summary>
    public GruEncoder(GruEncoderConfig? config = null, Generator? generator = null) : base(nameof(GruEncoder))
    {
        Config = config ?? GruEncoderConfig.Cmd;
        Config.Validate();
        input_norm = nn.BatchNorm1d(Config.InputSize);
        encoder = nn.ModuleDict(("gru", new CausalBiGru(Config.InputSize, Config.Hidden, Config.Layers)));
        fc = ProjectionHeads.Create(Config.FeatureDim, Config.MlpHead, Config.HeadOutput);
        RegisterComponents();
        ResetParameters(generator);
    }

    /// <inheritdoc />
    public override int FeatureDim => Config.FeatureDim;

    /// <summary>The recurrent part (key <c>encoder.gru</c>); not a field, so it is registered once.</summary>
    public CausalBiGru Gru => encoder["gru"];

    /// <summary>The head currently registered as <c>fc</c>.</summary>
    public nn.Module<Tensor, Tensor> HeadModule => fc;

    /// <summary>
    /// The reference initialisation (spec/pcm3.md §5.2): Xavier-uniform GRU weights and PyTorch's
    /// default GRU biases; BatchNorm γ = 1, β = 0; in the mlp head, fc.0 keeps PyTorch's Linear
    /// default and fc.2 (the encoder's original fc) gets a Xavier-uniform weight. A single Linear head
    /// is initialised like the evaluation classifier, N(0, 0.01) and bias 0 (§8.1).
    /// </summary>
    public void ResetParameters(Generator? generator = null)
    {
        using var _ = no_grad();
        Gru.ResetParameters(generator);
        input_norm.reset_parameters();
        input_norm.reset_running_stats();
        switch (fc)
        {
            case Sequential seq when seq.Count == 3 && seq[0] is Linear first && seq[2] is Linear last:
                ProjectionHeads.ResetLinearDefault(first, generator);
                ProjectionHeads.ResetLinearDefault(last, generator);
                double bound = Math.Sqrt(6.0 / (last.weight!.shape[0] + last.weight.shape[1]));
                last.weight.uniform_(-bound, bound, generator);
                break;
            case Linear linear:
                linear.weight!.normal_(0, 0.01, generator);
                linear.bias?.zero_();
                break;
        }
    }

    /// <summary>
    /// The reference frame layout: x (N, C, T, V, M) → (N, T, V·C·M) with index 6v + 2c + m
    /// (permute to N, T, V, C, M and flatten; spec/pcm3.md §1).
    /// </summary>
    public static Tensor ToSequence(Tensor x)
    {
        if (x.dim() != 5) throw new ArgumentException($"expected (N, C, T, V, M), got [{string.Join(", ", x.shape)}]");
        long n = x.shape[0], c = x.shape[1], t = x.shape[2], v = x.shape[3], m = x.shape[4];
        return x.permute(0, 2, 3, 1, 4).reshape(n, t, v * c * m);
    }

    /// <summary>Inverse of <see cref="ToSequence"/>: (N, T, V·C·M) → (N, C, T, V, M) for NTU's C = 3, M = 2.</summary>
    public static Tensor FromSequence(Tensor seq)
    {
        long n = seq.shape[0], t = seq.shape[1];
        return seq.view(n, t, NtuLayout.Joints, NtuLayout.Channels, NtuLayout.MaxBodies).permute(0, 3, 1, 2, 4);
    }

    /// <summary>
    /// All steps of the top layer. input: (N, C, T, V, M), or a sequence (N, T, InputSize) already in
    /// the reference layout (e.g. with PCM3's prompts added before the BatchNorm) → (N, T, 2H).
    /// </summary>
    public Tensor SequenceOutput(Tensor input)
    {
        using var scope = NewDisposeScope();
        return TimeMajorOutput(input).transpose(0, 1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>The top layer's output in time-major layout, (T, N, 2H).</summary>
    private Tensor TimeMajorOutput(Tensor input)
    {
        using var scope = NewDisposeScope();
        var seq = input.dim() == 5 ? ToSequence(input) : input;
        if (seq.dim() != 3 || seq.shape[2] != Config.InputSize)
            throw new ArgumentException($"GRU encoder input must be (N, C, T, V, M) or (N, T, {Config.InputSize}), got [{string.Join(", ", input.shape)}]");
        // BatchNorm1d(150) over channels, statistics over the N·T positions: (N, 150, T) → (T, N, 150).
        var normed = input_norm.forward(seq.transpose(1, 2)).permute(2, 0, 1);
        return Gru.ForwardTimeMajor(normed).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    /// <remarks>x: (N, C, T, V, M) or (N, T, InputSize) → (N, 2H), the output at the last step.</remarks>
    public override Tensor Features(Tensor x)
    {
        using var scope = NewDisposeScope();
        var all = TimeMajorOutput(x);
        return all[all.shape[0] - 1].contiguous().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor Head(Tensor features) => fc.forward(features);

    /// <inheritdoc />
    public override void SetHead(nn.Module<Tensor, Tensor> head)
    {
        ArgumentNullException.ThrowIfNull(head);
        register_module("fc", null!);
        fc = head;
        register_module("fc", head);
    }
}
