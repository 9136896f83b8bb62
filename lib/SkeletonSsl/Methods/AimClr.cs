using SkeletonSsl.Augmentations;
using SkeletonSsl.Encoders;
using SkeletonSsl.Losses;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Methods;

/// <summary>
/// AimCLR (Guo et al., "Contrastive Learning from Extremely Augmented Skeleton Sequences for
/// Self-supervised Action Recognition", AAAI 2022; spec/aimclr.md §4-6). SkeletonCLR's MoCo v2
/// plus an extremely augmented view x̃ whose query z̃ and whose EADM-dropped query z̃_drop are
/// pulled towards the normal query's distribution over [key, queue] (D³M, Eq. 7-8), and, in the
/// second stage, nearest-neighbour mining that adds each query's top-k queue neighbours as
/// positives (NNM, Eq. 9). Per stream (joint, bone or motion); one model per stream.
/// State-dict keys: encoder_q.*, encoder_k.*, queue.queue, queue.queue_ptr.
/// </summary>
public sealed class AimClr : nn.Module, IPretrainMethod
{
    private readonly SkeletonEncoder encoder_q;
    private readonly SkeletonEncoder encoder_k;
    private readonly NegativeQueue queue;

    private readonly AimClrSettings _config;
    private readonly MocoConfig _moco;
    private readonly Func<Tensor, Tensor> _eadm;
    private readonly IAugmentation _normal;
    private readonly IAugmentation _extreme;
    private readonly SkeletonStream _stream;
    private bool _mining;

    /// <param name="createEncoder">Builds one encoder with its projection head (called twice: query and key); with the
    /// drop branch on it must be an <see cref="IDropBranchEncoder"/> (a spatial-temporal feature map to drop from).</param>
    /// <param name="eadm">EADM on the final feature map (§5): (NM, C, T', V) → same shape, masks detached.</param>
    /// <param name="normal">Normal augmentation T (crop + shear).</param>
    /// <param name="extreme">Extreme augmentation T' (crop, shear, then the extreme chain).</param>
    /// <param name="generator">CPU generator for the queue's initial entries.</param>
    public AimClr(AimClrSettings config, MocoConfig moco, Func<SkeletonEncoder> createEncoder, Func<Tensor, Tensor> eadm, IAugmentation normal, IAugmentation extreme, SkeletonStream stream, Generator generator)
        : base("AimCLR")
    {
        config.Validate();
        moco.Validate();
        _config = config;
        _moco = moco;
        _eadm = eadm;
        _stream = stream;
        encoder_q = createEncoder();
        encoder_k = createEncoder();
        if (config.DropBranch && encoder_q is not IDropBranchEncoder)
            throw new ArgumentException($"AimCLR's drop branch (EADM, §3.3) needs an encoder with a spatial-temporal feature map such as ST-GCN; " +
                                        $"{encoder_q.GetType().Name} has none (switch the drop branch off to train without it)");
        queue = new NegativeQueue(moco.FeatureDim, moco.QueueSize, generator);
        RegisterComponents();
        _normal = normal;                                   // after RegisterComponents: augmentations hold no state to save
        _extreme = extreme;
        MomentumEncoder.Initialise(encoder_q, encoder_k, moco.KeyInit);
    }

    public string Name => "aimclr";
    public nn.Module Module => this;
    public SkeletonEncoder Encoder => encoder_q;
    public NegativeQueue Queue => queue;

    /// <summary>Whether the current epoch is in stage 2 (NNM on).</summary>
    public bool Mining => _mining;

    public IEnumerable<TorchSharp.Modules.Parameter> TrainableParameters() => encoder_q.parameters();

    /// <summary>Two-stage training (§3.5): L_1 for epochs 1..MiningEpoch, L_2 (with NNM) after.</summary>
    public void OnEpochStart(int epoch) => _mining = epoch > _config.MiningEpoch;

    public void AfterOptimizerStep(StepContext context) { }

    /// <summary>
    /// One AimCLR step (spec §6.1). batch.Clips: (N, C, T, V, M) → loss and the terms
    /// "contrastive" (L_Info or L_N), "d3m_extreme" (L_d1), "d3m_drop" (L_d2), "nnm_active".
    /// </summary>
    public StepOutput Step(PretrainBatch batch, StepContext context)
    {
        var x = batch.Clips;                                                                 // (N, C, T, V, M)
        var g = context.Generator;
        var xe = Streams.Apply(_stream, _extreme.Apply(batch.ToClipBatch(), g).X);   // x̃ = T'(x), drawn first as the triple feeder does
        var xq = Streams.Apply(_stream, _normal.Apply(batch.ToClipBatch(), g).X);   // x̂ = T(x)
        var xk = Streams.Apply(_stream, _normal.Apply(batch.ToClipBatch(), g).X);   // x = T(x), independent

        var q = nn.functional.normalize(encoder_q.forward(xq), dim: 1);                      // ẑ: (N, D)
        Tensor qe, qed;
        if (_config.DropBranch)
        {
            var (extreme, dropped) = ((IDropBranchEncoder)encoder_q).ForwardWithDrop(xe, _eadm);                // z̃ and z̃_drop share one backbone pass
            qe = nn.functional.normalize(extreme, dim: 1);
            qed = nn.functional.normalize(dropped, dim: 1);
        }
        else
        {
            qe = nn.functional.normalize(encoder_q.forward(xe), dim: 1);
            qed = qe;
        }

        Tensor k;
        using (no_grad())
        {
            MomentumEncoder.Update(encoder_q, encoder_k, _moco.Momentum);                    // Eq. 2, before the keys
            k = nn.functional.normalize(encoder_k.forward(xk), dim: 1);                      // z: (N, D)
        }

        var negatives = queue.Snapshot();                                                    // M, before this batch's enqueue
        var z = InfoNce.Logits(q, k, negatives, _moco.Temperature);                          // Eq. 4-5: logits of p(·|ẑ)
        var ze = InfoNce.Logits(qe, k, negatives, _moco.Temperature);                        // p(·|z̃)
        var zed = InfoNce.Logits(qed, k, negatives, _moco.Temperature);                      // p(·|z̃_drop)

        Tensor contrastive;
        if (_mining)
        {
            long queueLength = negatives.shape[1];
            // N₊ⁿ, N₊ᵉ, N₊ᵈ: logits over τ are monotone in the raw cosines q·M, so their top-k is the same.
            var similarities = _config.DropBranch
                ? new[] { z.narrow(1, 1, queueLength), ze.narrow(1, 1, queueLength), zed.narrow(1, 1, queueLength) }
                : new[] { z.narrow(1, 1, queueLength), ze.narrow(1, 1, queueLength) };
            var positives = NearestNeighbourMining.PositiveMask(similarities, _config.TopK);  // {key} ∪ N₊
            contrastive = NearestNeighbourMining.Loss(z, positives, _config.NnmForm);         // Eq. 9: L_N
        }
        else
        {
            contrastive = InfoNce.Loss(z);                                                   // Eq. 1: L_Info
        }

        var d1 = D3m.Loss(z, ze);                                                            // Eq. 7: L_d1
        var d2 = _config.DropBranch ? D3m.Loss(z, zed) : d1;                                 // Eq. 8: L_d2
        var d3m = (d1 + d2) * 0.5;                                                           // L_D = ½(L_d1 + L_d2)
        var loss = contrastive * _config.ContrastiveWeight + d3m * _config.D3mWeight;        // L_1 or L_2 = αL + βL_D

        queue.Enqueue(k);
        return new StepOutput(loss,
        [
            new("contrastive", contrastive.detach()),
            new("d3m_extreme", d1.detach()),
            new("d3m_drop", d2.detach()),
            new("nnm_active", _mining ? ones(1, device: loss.device) : zeros(1, device: loss.device)),
        ]);
    }
}
