using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.Decoders;

/// <summary>
/// The motion-prediction decoder of Martinez, Black and Romero, "On human motion prediction using recurrent neural
/// networks" (CVPR 2017, §4: the residual sequence-to-sequence architecture), put after an encoder f(·) as PCM3 §4.3
/// item 5 does ("we use the decoder in [27] after f(·)"): one GRU cell of <c>Hidden</c> units (1024 in the paper) whose
/// input at each step is the previous pose and whose output is a velocity added to it (the residual connection),
/// x̂_{t+1} = x̂_t + W h_{t+1}, fed its own predictions (Martinez's sampling-based loss, no teacher forcing).
/// [recon] f(·) is not a GRU of the same width as the decoder (Martinez hand the encoder GRU's state over), so the
/// initial state is a learnt projection of the encoder's feature, h₀ = tanh(W_s f + b_s). The velocity head
/// starts at zero by default (<paramref name="outputInitBound"/> 0), so the untrained decoder is exactly the
/// zero-velocity baseline (Martinez §3's strong baseline); Martinez's released code draws it from U(±0.04).
/// Poses are flat frames in the GRU encoder's 6v + 2c + m layout (<see cref="Gru.GruEncoder.ToSequence"/>).
/// Used by <see cref="Evaluation.MotionPrediction"/>; notebook: notebooks/PCM3/Table6-motion-prediction.ipynb.
/// </summary>
public sealed class MartinezDecoder : nn.Module<Tensor, Tensor, long, Tensor>
{
    private readonly Linear state_init;
    private readonly GRUCell cell;
    private readonly Linear velocity;

    public int FeatureDim { get; }
    public int PoseSize { get; }
    public int Hidden { get; }

    /// <param name="featureDim">Width of the encoder's feature f (2048 for the CMD GRU).</param>
    /// <param name="poseSize">Values per frame (150 = 25 joints × 3 × 2 bodies).</param>
    /// <param name="hidden">GRU units (Martinez: 1024).</param>
    /// <param name="outputInitBound">The velocity head's weights ~ U(±bound), bias 0; 0 makes the untrained decoder zero-velocity.</param>
    /// <param name="generator">Seeds the initialisation: PyTorch's defaults for the GRU cell and the state projection.</param>
    public MartinezDecoder(int featureDim, int poseSize, int hidden, double outputInitBound = 0, Generator? generator = null) : base(nameof(MartinezDecoder))
    {
        if (featureDim < 1 || poseSize < 1 || hidden < 1)
            throw new ArgumentException($"{nameof(MartinezDecoder)}: feature, pose and hidden sizes must be positive, got {featureDim}, {poseSize}, {hidden}");
        if (outputInitBound < 0) throw new ArgumentOutOfRangeException(nameof(outputInitBound), outputInitBound, "expected a non-negative bound");
        FeatureDim = featureDim;
        PoseSize = poseSize;
        Hidden = hidden;
        state_init = nn.Linear(featureDim, hidden);
        cell = nn.GRUCell(poseSize, hidden);
        velocity = nn.Linear(hidden, poseSize);
        RegisterComponents();
        using var _ = no_grad();
        ProjectionHeads.ResetLinearDefault(state_init, generator);
        double bound = 1.0 / Math.Sqrt(hidden);                                   // PyTorch's GRUCell default, seeded
        foreach (var p in cell.parameters()) p.uniform_(-bound, bound, generator);
        if (outputInitBound > 0) velocity.weight!.uniform_(-outputInitBound, outputInitBound, generator);
        else velocity.weight!.zero_();
        velocity.bias!.zero_();
    }

    /// <summary>
    /// Predicts <paramref name="steps"/> frames. features: (N, FeatureDim) = f(seed frames); last: (N, PoseSize), the last
    /// observed frame → (N, steps, PoseSize), each frame the previous one plus the predicted velocity.
    /// </summary>
    public override Tensor forward(Tensor features, Tensor last, long steps)
    {
        if (features.dim() != 2 || features.shape[1] != FeatureDim)
            throw new ArgumentException($"decoder features must be (N, {FeatureDim}), got [{string.Join(", ", features.shape)}]");
        if (last.dim() != 2 || last.shape[1] != PoseSize || last.shape[0] != features.shape[0])
            throw new ArgumentException($"decoder's last pose must be ({features.shape[0]}, {PoseSize}), got [{string.Join(", ", last.shape)}]");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "expected at least one predicted frame");
        using var scope = NewDisposeScope();
        var h = tanh(state_init.forward(features));                              // h₀ = tanh(W_s f + b_s)   (N, H)
        var x = last;
        var frames = new List<Tensor>((int)steps);
        for (long t = 0; t < steps; t++)
        {
            h = cell.forward(x, h);                                              // h_{t+1} = GRU(x̂_t, h_t)
            x = x + velocity.forward(h);                                         // x̂_{t+1} = x̂_t + W h_{t+1} (residual)
            frames.Add(x);
        }
        return stack(frames, 1).MoveToOuterDisposeScope();                      // (N, steps, PoseSize)
    }
}
