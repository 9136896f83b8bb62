using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations.Masks;

/// <summary>
/// PCM3's topology-based mask (ACM MM 2023, §"topology-based masking"; spec/pcm3.md §6.1, the
/// reference's "Jointmask3" with ratio 0.6): the T = 64 frames are cut into 8 clips of 8 frames; in
/// each clip int(5 × ratio) = 3 of the 5 body parts are drawn without replacement and their joints
/// masked in all frames of the clip and all coordinates. Only the first person is masked; the
/// pattern is drawn once and shared by every sample of the batch. Masked values are 0.
/// </summary>
public sealed class TopologyMask(double ratio = 0.6, int clips = 8) : IMasking
{
    public string Name => "topology-mask";

    /// <summary>The part ratio: int(5·ratio) parts are masked per clip (0.6 → 3; the ablation uses 0.2 … 0.8).</summary>
    public double Ratio { get; } = ratio is > 0 and < 1 ? ratio
        : throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "the mask ratio must lie in (0, 1)");

    public int Clips { get; } = clips > 0 ? clips : throw new ArgumentOutOfRangeException(nameof(clips), clips, "need at least one clip");

    /// <summary>batch.X: (N, C, T, V, M) with T a multiple of the clip count → (masked, keep-mask).</summary>
    public MaskResult Mask(ClipBatch batch, Generator g)
    {
        var x = batch.X;
        var shape = BatchOps.CheckClips(x, Name, needsCoordinates: false);
        long t = shape[2], v = shape[3];
        if (t % Clips != 0) throw new ArgumentException($"{Name}: T = {t} is not a multiple of {Clips} clips", nameof(x));
        if (v != NtuLayout.Joints) throw new ArgumentException($"{Name}: expected V = {NtuLayout.Joints} NTU joints, got {v}", nameof(x));
        int partCount = NtuLayout.BodyParts.Count;
        int masked = (int)(partCount * Ratio);                                        // int(5 × 0.6) = 3
        using var scope = NewDisposeScope();
        var parts = BatchOps.Subsets(g, Clips, partCount, masked);                    // (clips, 3), one draw per batch
        var partOfJoint = tensor(BatchOps.PartOfJoint());
        var hidden = partOfJoint.view(1, 1, v).eq(parts.unsqueeze(2)).any(1);        // (clips, V)
        var hiddenFrames = hidden.repeat_interleave(t / Clips, dim: 0);               // (T, V)
        var keep = ones(new long[] { 1, 1, t, v, shape[4] }, dtype: x.dtype);
        keep[.., .., .., .., 0] = hiddenFrames.logical_not().to(x.dtype);             // first person only
        var mask = keep.to(x.device).expand(shape).contiguous();
        return new MaskResult((x * mask).MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope());
    }
}
