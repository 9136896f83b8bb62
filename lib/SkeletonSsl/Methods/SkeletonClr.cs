using SkeletonSsl.Augmentations;
using SkeletonSsl.Encoders;
using SkeletonSsl.Losses;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Methods;

/// <summary>
/// SkeletonCLR (Li et al., CVPR 2021, the single-view baseline of CrosSCLR and AimCLR): MoCo v2
/// on skeleton clips. Two normally augmented views (crop + shear) of each clip give a query
/// (encoder_q) and a key (the momentum encoder_k); InfoNCE (AimCLR Eq. 1) contrasts the key
/// against a FIFO queue of earlier keys (spec/aimclr.md §4). State-dict keys: encoder_q.*,
/// encoder_k.*, queue.queue, queue.queue_ptr.
/// </summary>
public sealed class SkeletonClr : nn.Module, IPretrainMethod
{
    private readonly SkeletonEncoder encoder_q;
    private readonly SkeletonEncoder encoder_k;
    private readonly NegativeQueue queue;

    private readonly MocoConfig _moco;
    private readonly IAugmentation _normal;
    private readonly SkeletonStream _stream;

    /// <param name="createEncoder">Builds one encoder with its projection head (called twice: query and key).</param>
    /// <param name="normal">The normal augmentation T (crop + shear), drawn independently for each view.</param>
    /// <param name="generator">CPU generator for the queue's initial entries.</param>
    public SkeletonClr(Func<SkeletonEncoder> createEncoder, IAugmentation normal, SkeletonStream stream, MocoConfig moco, Generator generator)
        : base("SkeletonCLR")
    {
        moco.Validate();
        _moco = moco;
        _stream = stream;
        encoder_q = createEncoder();
        encoder_k = createEncoder();
        queue = new NegativeQueue(moco.FeatureDim, moco.QueueSize, generator);
        RegisterComponents();
        _normal = normal;                                   // after RegisterComponents: augmentations hold no state to save
        MomentumEncoder.Initialise(encoder_q, encoder_k, moco.KeyInit);
    }

    public string Name => "skeletonclr";
    public nn.Module Module => this;
    public SkeletonEncoder Encoder => encoder_q;
    public NegativeQueue Queue => queue;

    public IEnumerable<TorchSharp.Modules.Parameter> TrainableParameters() => encoder_q.parameters();

    public void OnEpochStart(int epoch) { }

    public void AfterOptimizerStep(StepContext context) { }

    /// <summary>One MoCo step. batch.Clips: (N, C, T, V, M) → loss (scalar) and the term "info_nce".</summary>
    public StepOutput Step(PretrainBatch batch, StepContext context)
    {
        var x = batch.Clips;                                                                 // (N, C, T, V, M)
        var xq = Streams.Apply(_stream, _normal.Apply(batch.ToClipBatch(), context.Generator).X);   // x_q = T(x), then the stream (§1.4)
        var xk = Streams.Apply(_stream, _normal.Apply(batch.ToClipBatch(), context.Generator).X);   // x_k = T(x), an independent draw
        var q = nn.functional.normalize(encoder_q.forward(xq), dim: 1);                      // ẑ: (N, D)
        Tensor k;
        using (no_grad())
        {
            MomentumEncoder.Update(encoder_q, encoder_k, _moco.Momentum);                    // Eq. 2, before the keys
            k = nn.functional.normalize(encoder_k.forward(xk), dim: 1);                      // z: (N, D)
        }
        var negatives = queue.Snapshot();                                                    // M before this batch's enqueue
        var logits = InfoNce.Logits(q, k, negatives, _moco.Temperature);                     // (N, 1 + K)
        var loss = InfoNce.Loss(logits);                                                     // Eq. 1
        queue.Enqueue(k);
        return new StepOutput(loss, [new("info_nce", loss.detach())]);
    }
}
