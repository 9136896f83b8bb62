using SkeletonSsl.Data;
using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// A batch of clips with their valid frame counts: what every <see cref="IAugmentation"/> takes and
/// returns. X: (N, C, T, V, M) floating point on any device; Frames: N counts in [1, T], clip n's
/// frames [0, Frames[n]) are real and the rest padding (zeros, or repetitions of the clip for the
/// CMD pipeline, spec/pcm3.md §2.1). Temporal transforms read only the valid frames; a crop-resize
/// returns Frames = its output length; spatial transforms pass Frames through.
/// The tensor belongs to the caller's dispose scope; Frames is a plain array, so passing it on costs
/// nothing and owns nothing.
/// </summary>
public sealed record ClipBatch
{
    public ClipBatch(Tensor x, long[] frames)
    {
        BatchOps.CheckClips(x, nameof(ClipBatch), needsCoordinates: false);
        ValidFrames.Check(frames, x.shape[0], x.shape[2], nameof(ClipBatch));
        X = x;
        Frames = frames;
    }

    /// <summary>(N, C, T, V, M).</summary>
    public Tensor X { get; }

    /// <summary>Valid frames per clip, in [1, T].</summary>
    public long[] Frames { get; }

    /// <summary>Clips whose every frame is valid (AimCLR's 50-frame clips, crop-resized clips).</summary>
    public static ClipBatch Full(Tensor x)
    {
        BatchOps.CheckClips(x, nameof(ClipBatch), needsCoordinates: false);
        return new ClipBatch(x, ValidFrames.Full(x.shape[0], x.shape[2]));
    }

    /// <summary>The same frame counts with other clips (e.g. after a spatial transform).</summary>
    public ClipBatch WithClips(Tensor x) => new(x, Frames);

    /// <summary>Whether every clip's frames are all valid (Frames[n] = T).</summary>
    public bool IsFull => Frames.All(f => f == X.shape[2]);

    /// <summary>Frames as an int64 (N) tensor on the CPU (in the caller's dispose scope).</summary>
    internal Tensor FrameTensor() => tensor(Frames);
}
