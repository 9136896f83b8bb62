using SkeletonSsl.Augmentations;
using SkeletonSsl.Augmentations.Masks;
using SkeletonSsl.Augmentations.Mixing;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Decoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Losses;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Methods;

/// <summary>
/// PCM3 (Zhang, Lin, Liu, "Prompted Contrast with Masked Motion Modeling: Towards Versatile 3D Action
/// Representation Learning", ACM MM 2023; spec/pcm3.md §3-7). MoCo v2 on the CMD GRU with four positive pairs
/// (Eq. 5: intra view, SkeleMix inter view against the mixed key, the topology-masked view and the view the
/// decoder recovers), relational KL over the queue for each (Eq. 3), masked motion prediction (Eq. 4) and the dual
/// prompts of §3.4 (domain prompts added to the 150-d frames before the input BatchNorm, task prompts added to an
/// r-wide window of the feature at a random offset). Loss Eq. 7: L = L_Con + λ_kl·L_KL + λ_m·L_Mask.
/// <para>Per stream, one model per stream. The bone and motion streams use the released code's no-prompt variant
/// (spec §6.7) when <see cref="Pcm3Settings.PromptFreeSecondaryStreams"/>: no prompt parameters at all, L_KL logged
/// but not added, and the recovered view detached as a whole (so no contrastive gradient reaches the decoder).</para>
/// <para>Gradient routing (spec §6.7): L_m reaches the encoder body, p_mask, p_mp and the decoder; CE(q_rec) the
/// encoder body and head, p_cl, p_predict and the decoder (through a decoder pass on stop-gradient features, not
/// p_mask / p_mp); CE(q_mask) body, head, p_cl, p_mask; CE(q) and CE(q_mix) body, head, p_cl, p_intra / p_inter;
/// L_KL all of these but p_mp.</para>
/// <para>State-dict keys: encoder_q.*, encoder_k.* (the <see cref="GruEncoder"/> keys), decoder.linear.*,
/// decoder.recons_decoder.*, the prompts under the reference's names (base_prompt = p_intra, mix_prompt = p_inter,
/// mask_prompt = p_mask, recons_prompt = p_predict, cl_prompt, mp_prompt; absent when switched off),
/// queue.queue, queue.queue_ptr. Prompts and decoder are trained and checkpointed, and dropped downstream: the
/// saved encoder (<see cref="Encoder"/>) is the plain GruEncoder (spec §7).</para>
/// </summary>
public sealed class Pcm3 : nn.Module, IPretrainMethod
{
    private readonly GruEncoder encoder_q;
    private readonly GruEncoder encoder_k;
    private readonly Pcm3Decoder decoder;
    private readonly NegativeQueue queue;
    private readonly Parameter? base_prompt;    // p_intra, on the query v1 and the key v2 (spec §6.3)
    private readonly Parameter? mix_prompt;     // p_inter
    private readonly Parameter? mask_prompt;    // p_mask
    private readonly Parameter? recons_prompt;  // p_predict
    private readonly Parameter? cl_prompt;      // p_cl, before the projection head
    private readonly Parameter? mp_prompt;      // p_mp, before the decoder

    private readonly Pcm3Settings _settings;
    private readonly MocoConfig _moco;
    private readonly SkeletonStream _stream;
    private readonly bool _promptFree;
    private readonly IAugmentation _intra;
    private readonly IAugmentation _maskView;
    private readonly ISampleMixing _mixing;
    private readonly IMasking _masking;

    /// <param name="settings">Positives, KL, prompts, masking and loss weights.</param>
    /// <param name="moco">Queue, momentum, τ and the projection width.</param>
    /// <param name="createEncoder">Builds one GRU encoder with its projection head (called twice: query and key).</param>
    /// <param name="decoderConfig">The decoder; its FeatureDim must be the encoder's feature width.</param>
    /// <param name="intra">The intra-sample views v1 and v2 (spec §3: crop-resize, then joint corruption or shear).</param>
    /// <param name="maskView">The masked / reconstructed view v3 (crop-resize, then always shear).</param>
    /// <param name="mixing">The inter-sample transformation of §6.2 (SkeleMix).</param>
    /// <param name="stream">The input stream; bone and motion may use the no-prompt variant (§6.7).</param>
    /// <param name="generator">CPU generator for the queue's initial entries, the prompts and the decoder's init.</param>
    public Pcm3(Pcm3Settings settings, MocoConfig moco, Func<GruEncoder> createEncoder, Pcm3DecoderConfig decoderConfig,
                IAugmentation intra, IAugmentation maskView, ISampleMixing mixing, SkeletonStream stream, Generator generator)
        : base("PCM3")
    {
        settings.Validate();
        moco.Validate();
        _settings = settings;
        _moco = moco;
        _stream = stream;
        _promptFree = settings.PromptFreeSecondaryStreams && stream != SkeletonStream.Joint;
        encoder_q = createEncoder();
        encoder_k = createEncoder();
        if (decoderConfig.FeatureDim != encoder_q.FeatureDim)
            throw new ArgumentException($"Pcm3: decoder FeatureDim = {decoderConfig.FeatureDim}: expected the encoder's feature width {encoder_q.FeatureDim}");
        if (UsesTaskPrompts && settings.PromptWidth >= encoder_q.Config.Hidden)
            throw new ArgumentException($"Pcm3: PromptWidth = {settings.PromptWidth}: expected less than the GRU's hidden size {encoder_q.Config.Hidden} (one window per direction half)");
        queue = new NegativeQueue(moco.FeatureDim, moco.QueueSize, generator);
        decoder = new Pcm3Decoder(decoderConfig, generator);
        if (UsesDomainPrompts)
        {
            int input = encoder_q.Config.InputSize;
            base_prompt = Prompt([1, 1, input], generator);
            mix_prompt = Prompt([1, 1, input], generator);
            mask_prompt = Prompt([1, 1, input], generator);
            recons_prompt = Prompt([1, 1, input], generator);
        }
        if (UsesTaskPrompts)
        {
            cl_prompt = Prompt([1, 2 * settings.PromptWidth], generator);
            mp_prompt = Prompt([1, 2 * settings.PromptWidth], generator);
        }
        RegisterComponents();
        _intra = intra;                                     // after RegisterComponents: augmentations hold no state to save
        _maskView = maskView;
        _mixing = mixing;
        _masking = settings.Masking == Pcm3Masking.Topology ? new TopologyMask(settings.MaskRatio) : new RandomJointMask(settings.MaskRatio);
        MomentumEncoder.Initialise(encoder_q, encoder_k, moco.KeyInit);
    }

    public string Name => "pcm3";
    public nn.Module Module => this;
    public SkeletonEncoder Encoder => encoder_q;
    public NegativeQueue Queue => queue;

    /// <summary>The masked motion prediction decoder (spec §6.4).</summary>
    public Pcm3Decoder Decoder => decoder;

    /// <summary>The mask generator of the third view (topology or random, at the settings' ratio).</summary>
    internal IMasking Masking => _masking;

    /// <summary>True for the released code's no-prompt variant (bone or motion with <see cref="Pcm3Settings.PromptFreeSecondaryStreams"/>).</summary>
    public bool PromptFree => _promptFree;

    private bool UsesDomainPrompts => _settings.DomainPrompts && !_promptFree;
    private bool UsesTaskPrompts => _settings.TaskPrompts && !_promptFree;

    /// <summary>L_KL enters the loss (it is still computed and logged in the no-prompt variant, spec §6.7).</summary>
    private bool AddsKl => _settings.RelationalKl && !_promptFree;

    /// <summary>The recovered view keeps its graph into the decoder (paper §3.3 "High-Level Semantic Guidance").</summary>
    private bool ContrastReachesDecoder => _settings.ContrastGradientToDecoder && !_promptFree;

    /// <summary>The prompts present, by their state-dict names.</summary>
    public IReadOnlyDictionary<string, Parameter> Prompts =>
        new (string Name, Parameter? P)[]
        {
            ("base_prompt", base_prompt), ("mix_prompt", mix_prompt), ("mask_prompt", mask_prompt), ("recons_prompt", recons_prompt),
            ("cl_prompt", cl_prompt), ("mp_prompt", mp_prompt),
        }.Where(p => p.P is not null).ToDictionary(p => p.Name, p => p.P!);

    /// <summary>The query encoder (with its head), the decoder and the prompts; the key encoder follows by momentum.</summary>
    public IEnumerable<Parameter> TrainableParameters() =>
        encoder_q.parameters().Concat(decoder.parameters()).Concat(Prompts.Values);

    public void OnEpochStart(int epoch) { }

    public void AfterOptimizerStep(StepContext context) { }

    /// <summary>
    /// One PCM3 iteration, spec §6.5 steps 1-10. batch.Clips: (N, C, T, V, M), N ≥ 3 → the loss and the terms
    /// "info_nce_{intra,inter,mask,predict}" and "kl_{...}" for each enabled positive, then "masked_prediction" (L_m), absent where the masked branch is
    /// off (no masked or predicted view and λ_m = 0: Table 7's "Contrastive Learning").
    /// </summary>
    public StepOutput Step(PretrainBatch batch, StepContext context)
    {
        var (loss, terms) = Forward(batch, context);
        return new StepOutput(loss, [.. terms.Select(t => new KeyValuePair<string, Tensor>(t.Key, t.Value.detach()))]);
    }

    /// <summary>
    /// <see cref="Step"/> with its terms still attached to the graph (unweighted, as logged), so that each can be
    /// back-propagated alone (the gradient routing of spec §6.7).
    /// </summary>
    internal (Tensor Loss, IReadOnlyList<KeyValuePair<string, Tensor>> Terms) Forward(PretrainBatch batch, StepContext context)
    {
        var g = context.Generator;
        var s = _settings;
        var raw = batch.ToClipBatch();
        // §3: three independent views of each clip (v1, v2 by the intra chain, v3 crop-resize + shear), 64 frames each;
        // §4: each view's stream is computed after augmentation, before masking and mixing.
        var v1 = _intra.Apply(raw, g);
        var v2 = _intra.Apply(raw, g);
        var v3 = _maskView.Apply(raw, g);
        var x1 = v1.WithClips(Streams.Apply(_stream, v1.X));
        var x2 = Streams.Apply(_stream, v2.X);
        var x3 = v3.WithClips(Streams.Apply(_stream, v3.X));

        // §6.1 (paper §3.2): the keep-mask K, one pattern for the whole batch, person 0 only; x_m = x3 ⊙ K.
        var masked = _masking.Mask(x3, g);
        var keep = GruEncoder.ToSequence(masked.Mask);                                        // K, (N, T, 150)
        var xm = GruEncoder.ToSequence(masked.Masked);                                        // s_mask
        var target = GruEncoder.ToSequence(x3.X);                                             // the unmasked v3

        // Step 1 (§6.2, paper Eq. 2): the inter view x_mix with its partner π and λ, from v1.
        var mix = s.InterView ? _mixing.Mix(x1, g) : null;

        // Step 2: q = nrm(g(inj(f(v1 + p_intra), p_cl, s1))).
        var q = s.IntraView ? Embed(encoder_q, encoder_q.Features(AddDomain(GruEncoder.ToSequence(x1.X), base_prompt)), g) : null;

        // Steps 3-4: H = f_seq(x_m + p_mask) (N, T, 2H), Hp = inj(H, p_mp, s2) at every step; H stays un-prompted.
        // Table 7's "Contrastive Learning" variant (no masked view, no predicted view, λ_m = 0) skips the masked branch.
        bool predicts = s.PredictView || s.PredictionWeight > 0;
        var h = predicts || s.MaskView ? encoder_q.SequenceOutput(AddDomain(xm, mask_prompt)) : null;
        var hp = predicts ? InjectTask(h!, mp_prompt, g) : null;

        // Step 5: the decoder twice, in this order: x̂_cl = Dec(stopgrad(Hp)) for the recovered view (contrast reaches
        // the decoder, not the encoder through H), x̂ = Dec(Hp) for L_m. With the contrastive gradient cut (paper §4.4
        // "without gradient", or the no-prompt variant) one pass serves both and the recovered view is detached whole.
        var xhatContrast = s.PredictView && ContrastReachesDecoder ? decoder.forward(hp!.detach()) : null;
        var xhat = predicts ? decoder.forward(hp!) : null;

        // Step 6: q_mask = nrm(g(inj(H[:, T−1], p_cl, s3))), no extra encoder pass.
        var qMask = s.MaskView ? Embed(encoder_q, h!.select(1, h!.shape[1] - 1), g) : null;

        // Step 7: x_rec = x̂_cl ⊙ (1 − K) + x_m ⊙ K; q_rec = nrm(g(inj(f(x_rec + p_predict), p_cl, s4))).
        Tensor? qRec = null;
        if (s.PredictView)
        {
            var recovered = xhatContrast is not null
                ? xhatContrast * (1 - keep) + xm * keep
                : (xhat! * (1 - keep) + xm * keep).detach();
            qRec = Embed(encoder_q, encoder_q.Features(AddDomain(recovered, recons_prompt)), g);
        }

        // Step 8: q_mix = nrm(g(inj(f(x_mix + p_inter), p_cl, s5))).
        var qMix = mix is null ? null : Embed(encoder_q, encoder_q.Features(AddDomain(GruEncoder.ToSequence(mix.Mixed), mix_prompt)), g);

        // Step 9: momentum update (θ_k ← m·θ_k + (1 − m)·θ_q), then k = nrm(g_k(inj(f_k(v2 + p_intra), p_cl, s6)))
        // and the mixed key k_mix = nrm((1 − λ)·k + λ·k[π]) (Eq. 2), all without gradient.
        Tensor k;
        Tensor? kMix = null;
        using (no_grad())
        {
            MomentumEncoder.Update(encoder_q, encoder_k, _moco.Momentum);
            k = Embed(encoder_k, encoder_k.Features(AddDomain(GruEncoder.ToSequence(x2), base_prompt)), g);
            if (mix is not null) kMix = nn.functional.normalize(mix.MixRows(k), dim: 1);
        }

        // Step 10 (§6.6): one queue snapshot (before this step's enqueue) for every branch.
        var negatives = queue.Snapshot();
        var pairs = new (string Name, Tensor? Query, Tensor? Key)[]
        {
            ("intra", q, k), ("inter", qMix, kMix), ("mask", qMask, k), ("predict", qRec, k),
        }.Where(p => p.Query is not null).Select(p => (p.Name, Query: p.Query!, Key: p.Key!)).ToList();

        var terms = new List<KeyValuePair<string, Tensor>>();
        Tensor loss = zeros(1, device: xm.device).squeeze();
        foreach (var (name, query, key) in pairs)                                             // L_Con: Eq. 1 / Eq. 2 per positive, τ = 0.07
        {
            var ce = InfoNce.Loss(InfoNce.Logits(query, key, negatives, _moco.Temperature));
            loss = loss + ce;
            terms.Add(new($"info_nce_{name}", ce));
        }
        if (s.RelationalKl)                                                                   // L_KL: Eq. 3 per positive, teacher = key side
        {
            foreach (var (name, query, key) in pairs)
            {
                var kl = RelationalKl.Loss(key, query, negatives, s.TeacherTemperature, s.StudentTemperature);
                if (AddsKl) loss = loss + kl * s.KlWeight;
                terms.Add(new($"kl_{name}", kl));
            }
        }
        // L_Mask (Eq. 4; spec §6.6): squared error over the masked scalars (person 0's masked joints, each coordinate
        // counted), divided by their number; the target is the unmasked v3. On for every Table 8 row (it varies the positives).
        if (xhat is not null)
        {
            var hidden = 1 - keep;
            var prediction = ((xhat - target).square() * hidden).sum() / hidden.sum().clamp_min(1);
            loss = loss + prediction * s.PredictionWeight;
            terms.Add(new("masked_prediction", prediction));
        }

        queue.Enqueue(k);                                                                     // k only (spec §6.5 step 10)
        return (loss, terms);
    }

    /// <summary>nrm(g(inj(feature, p_cl, s))): the projection of a (N, 2H) feature, L2-normalised.</summary>
    private Tensor Embed(GruEncoder encoder, Tensor feature, Generator g) =>
        nn.functional.normalize(encoder.Head(InjectTask(feature, cl_prompt, g)), dim: 1);

    /// <summary>Eq. 6: s_* + p_*, a (1, 1, 150) prompt broadcast over the (N, T, 150) sequence, before the input BatchNorm.</summary>
    private static Tensor AddDomain(Tensor sequence, Parameter? prompt) => prompt is null ? sequence : sequence + prompt;

    /// <summary>
    /// inj(h, p, s) (spec §6.3): p[0 : r] is added to h[s : s + r] and p[r : 2r] to h[H + s : H + s + r], one offset
    /// s ~ U{0 … H − r − 1} drawn per call, shared by the batch and (for H of shape (N, T, 2H)) by every step.
    /// </summary>
    private Tensor InjectTask(Tensor h, Parameter? prompt, Generator g)
    {
        if (prompt is null) return h;
        long width = h.shape[^1] / 2, r = _settings.PromptWidth;
        long offset = BatchOps.Integers(g, 1, 0, width - r - 1).item<long>();
        var placed = nn.functional.pad(prompt.view(2, r), [offset, width - r - offset]).reshape(2 * width);   // (2H), zero off the windows
        return h + placed;
    }

    /// <summary>A Xavier-uniform prompt (spec §6.3): bound √(6 / (fan_in + fan_out)) with PyTorch's fans for the shape.</summary>
    private static Parameter Prompt(long[] shape, Generator generator)
    {
        long receptive = shape.Skip(2).Aggregate(1L, (a, b) => a * b);
        double fanIn = shape[1] * receptive, fanOut = shape[0] * receptive;
        double bound = Math.Sqrt(6.0 / (fanIn + fanOut));
        using var _ = no_grad();
        var values = empty(shape).uniform_(-bound, bound, generator);
        var prompt = new Parameter(values, requires_grad: true);
        prompt.DetachFromDisposeScope();                    // owned by the module, whatever scope builds it
        return prompt;
    }
}
