using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Skeletons;

/// <summary>The three input streams each paper pre-trains separately.</summary>
public enum SkeletonStream
{
    Joint,
    Bone,
    Motion,
}

/// <summary>
/// Stream transforms on batched N×C×T×V×M tensors, computed after augmentation on the training
/// device, as AimCLR's processor and the CMD/PCM3/A2MC feeders do (spec/aimclr.md §1.4,
/// spec/data.md §3.2). All three families use the same bone pairs and the same forward
/// difference for motion, so one implementation serves them.
/// </summary>
public static class Streams
{
    /// <summary>Transforms x (N, C, T, V, M) into the stream; Joint returns x itself.</summary>
    public static Tensor Apply(SkeletonStream stream, Tensor x) => stream switch
    {
        SkeletonStream.Joint => x,
        SkeletonStream.Bone => Bone(x),
        SkeletonStream.Motion => Motion(x),
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "expected joint, bone or motion"),
    };

    /// <summary>m[:, :, t] = x[:, :, t+1] − x[:, :, t] for t &lt; T−1; the last frame is 0. Shape kept.</summary>
    public static Tensor Motion(Tensor x)
    {
        long t = x.shape[2];
        var diff = x.narrow(2, 1, t - 1) - x.narrow(2, 0, t - 1);
        return nn.functional.pad(diff, [0, 0, 0, 0, 0, 1]);
    }

    /// <summary>b[..., child, :] = x[..., child, :] − x[..., parent, :] for the 25 bone pairs. Shape kept.</summary>
    public static Tensor Bone(Tensor x)
    {
        using var parent = tensor(ParentIndex, device: x.device);
        return x - x.index_select(3, parent);
    }

    private static readonly long[] ParentIndex =
        NtuLayout.BonePairs.OrderBy(p => p.Child).Select(p => (long)p.Parent).ToArray();
}
