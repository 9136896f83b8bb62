using SkeletonSsl.Augmentations;
using SkeletonSsl.Data;
using SkeletonSsl.Methods;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Methods;

/// <summary>Small augmentations, data and method builders for engine tests.</summary>
internal static class TestViews
{
    /// <summary>Per-clip random scale in [0.8, 1.2] plus Gaussian jitter of the given size.</summary>
    internal sealed class Jitter(double noise) : IAugmentation
    {
        public string Name => $"jitter-{noise}";

        public ClipBatch Apply(ClipBatch batch, Generator g)
        {
            var x = batch.X;
            var scale = (rand([x.shape[0], 1, 1, 1, 1], generator: g) * 0.4 + 0.8).to(x.device);
            var jitter = (randn(x.shape, generator: g) * noise).to(x.device);
            return batch.WithClips(x * scale + jitter);
        }
    }

    /// <summary>Drops feature-map elements above their per-(sample, channel) mean: an EADM stand-in.</summary>
    public static Tensor DropAboveMean(Tensor f) => f * (f < f.mean([2, 3], keepdim: true)).to(f.dtype);

    /// <summary>Clips of a few motion patterns around per-clip rest poses: (count, 3, frames, 25, 2), seeded.</summary>
    public static Tensor Clips(int count, int frames = 12, long seed = 7)
    {
        var g = new Generator((ulong)seed);
        var time = linspace(0, 2 * Math.PI, frames).view(1, 1, frames, 1, 1);
        var kind = randint(0, 4, [count, 1, 1, 1, 1], generator: g).to(ScalarType.Float32);
        var phase = rand([count, 3, 1, 25, 1], generator: g) * 6.28;
        var body = sin(time * (kind + 1) + phase) * (kind + 1) * 0.3;
        var pose = randn([count, 3, 1, 25, 1], generator: g) * 0.5;                  // each clip's own rest pose
        var second = zeros([count, 3, frames, 25, 1]);
        return cat([(body + pose).expand(count, 3, frames, 25, 1), second], 4).contiguous() + randn([count, 3, frames, 25, 2], generator: g) * 0.01;
    }

    /// <summary>A raw batch of <see cref="Clips"/> (every frame valid) for a single method step.</summary>
    public static PretrainBatch Batch(int count, int frames = 12) =>
        new(Clips(count, frames), ValidFrames.Full(count, frames), new long[count]);

    public static MocoConfig SmallMoco => new() { FeatureDim = 8, QueueSize = 32, Momentum = 0.99, Temperature = 0.2 };

    public static SkeletonClr SkeletonClr(long seed = 1)
    {
        torch.manual_seed(seed);
        return new SkeletonClr(() => new TinyEncoder(), new Jitter(0.05), SkeletonStream.Joint, SmallMoco, new Generator((ulong)seed));
    }

    public static AimClr AimClr(AimClrSettings? config = null, long seed = 1)
    {
        torch.manual_seed(seed);
        return new AimClr(config ?? new AimClrSettings { MiningEpoch = 1 }, SmallMoco, () => new TinyEncoder(), DropAboveMean,
            new Jitter(0.05), new Jitter(0.3), SkeletonStream.Joint, new Generator((ulong)seed));
    }
}
