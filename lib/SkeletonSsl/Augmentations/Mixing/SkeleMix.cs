using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Mixing;

/// <summary>
/// PCM3's inter-sample transformation (ACM MM 2023, "mixing views"; SkeleMix-style, spec/pcm3.md
/// §6.2). One draw per batch: a cyclic partner π(i) = (i + s) mod N with s ~ U{1 … N−2}; a region of
/// C_s ~ U{2, 3} body parts (their joints S) × C_t ~ U{7 … 11} consecutive frame blocks starting at
/// block b ~ U{0 … 16−C_t}; then with p ~ U(0, 1):
/// <list type="bullet">
/// <item>p ≤ 0.25 — Mixup: λ ~ U(0, 1), x_mix = (1−λ)·x + λ·x[π];</item>
/// <item>0.25 &lt; p ≤ 0.5 — ResizeMix: the partner's first min(2·L_r, T) frames, nearest-resized
/// to the region's L_r frames (source ⌊i·L_in/L_out⌋), pasted into the region (joints S);</item>
/// <item>p &gt; 0.5 — CutMix: the region copied from x[π].</item>
/// </list>
/// For the cut mixes λ = C_t·|S| / (16·25), the region's area fraction. Both bodies and all
/// coordinates are mixed. The frame blocks and ResizeMix's "first frames" are defined on crop-resized
/// clips whose every frame is valid (§6.2 runs after the 64-frame crop-resize), so a batch with
/// padding is refused rather than mixed with its partner's padding.
/// </summary>
public sealed class SkeleMix(SkeleMixOptions? options = null) : ISampleMixing
{
    public string Name => "skelemix";

    public SkeleMixOptions Options { get; } = options ?? new SkeleMixOptions();

    /// <summary>The mixed clips only; every frame stays valid.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g)
    {
        var result = Mix(batch, g);
        result.Lambda.Dispose();
        result.Partner.Dispose();
        return batch.WithClips(result.Mixed);
    }

    /// <summary>batch.X: (N, C, T, V, M) with N ≥ 3, T a multiple of the block count (64 = 16 × 4) and every frame valid.</summary>
    public MixResult Mix(ClipBatch batch, Generator g)
    {
        var x = batch.X;
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        if (!batch.IsFull)
            throw new ArgumentException($"{Name}: mixes crop-resized clips whose every frame is valid; clip {Array.FindIndex(batch.Frames, f => f != shape[2])} has {batch.Frames.First(f => f != shape[2])} of {shape[2]} (crop-resize first)", nameof(batch));
        long n = shape[0], t = shape[2], v = shape[3];
        if (n < 3) throw new ArgumentException($"{Name}: needs at least 3 clips in the batch (partner shift U{{1 … N−2}}), got {n}", nameof(x));
        if (t % Options.Blocks != 0) throw new ArgumentException($"{Name}: T = {t} is not a multiple of the {Options.Blocks} frame blocks", nameof(x));
        if (v != NtuLayout.Joints) throw new ArgumentException($"{Name}: expected V = {NtuLayout.Joints} NTU joints, got {v}", nameof(x));
        long blockFrames = t / Options.Blocks;
        using var scope = NewDisposeScope();

        long shift = BatchOps.Integers(g, 1, 1, n - 2).item<long>();                     // π(i) = (i + s) mod N
        var partner = (arange(n, dtype: ScalarType.Int64) + shift).remainder(n);
        int parts = (int)BatchOps.Integers(g, 1, Options.MinParts, Options.MaxParts).item<long>();   // C_s ~ U{2, 3}
        var chosen = BatchOps.Subsets(g, 1, NtuLayout.BodyParts.Count, parts).data<long>().ToArray();
        var joints = chosen.SelectMany(p => NtuLayout.BodyParts[(int)p].Joints).ToArray();
        long regionBlocks = BatchOps.Integers(g, 1, Options.MinRegionBlocks, Options.MaxRegionBlocks).item<long>();  // C_t
        long firstBlock = BatchOps.Integers(g, 1, 0, Options.Blocks - regionBlocks).item<long>();                   // b
        double p = BatchOps.Uniform(g, 1, 0, 1).item<double>();
        var kind = p <= Options.MixupProbability ? MixKind.Mixup
            : p <= Options.MixupProbability + Options.ResizeMixProbability ? MixKind.ResizeMix
            : MixKind.CutMix;

        var other = x.index_select(0, partner.to(x.device));
        Tensor mixed, lambda;
        if (kind == MixKind.Mixup)
        {
            double l = BatchOps.Uniform(g, 1, 0, 1).item<double>();                      // λ ~ U(0, 1)
            mixed = x * (1 - l) + other * l;                                             // x_mix = (1−λ)·x + λ·x[π]
            lambda = full(n, l, dtype: ScalarType.Float32);
        }
        else
        {
            long from = firstBlock * blockFrames, length = regionBlocks * blockFrames;
            var frameIn = zeros(t, dtype: ScalarType.Bool);
            frameIn[TensorIndex.Slice(from, from + length)] = true;
            var jointIn = zeros(v, dtype: ScalarType.Bool);
            jointIn[tensor(joints.Select(j => (long)j).ToArray())] = true;
            var region = (frameIn.view(t, 1) & jointIn.view(1, v)).view(1, 1, t, v, 1).to(x.device);
            if (kind == MixKind.ResizeMix)
            {
                long lengthIn = Math.Min(2 * length, t);                                 // the partner's first min(2·L_r, T) frames
                var source = arange(t, dtype: ScalarType.Int64);
                var inRegion = ((source - from) * lengthIn).div(length, rounding_mode: RoundingMode.floor);   // nearest: ⌊i·L_in/L_out⌋
                source = where(frameIn, inRegion, source);
                other = other.index_select(2, source.to(x.device));
            }
            mixed = where(region, other, x);
            double area = (double)regionBlocks * joints.Length / (Options.Blocks * v);   // λ = C_t·|S| / (16·25)
            lambda = full(n, area, dtype: ScalarType.Float32);
        }
        return new MixResult(mixed.MoveToOuterDisposeScope(), lambda.MoveToOuterDisposeScope(), partner.MoveToOuterDisposeScope(), kind);
    }
}
