using SkeletonSsl.Augmentations;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Methods;
using SkeletonSsl.Methods.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Experiments;

/// <summary>Builds the method a <see cref="PretrainConfig"/> names, with its encoders, augmentations and queue, on the CPU.</summary>
public static class PretrainMethods
{
    /// <summary>
    /// Seeds torch's global generator with config.Seed (encoder initialisation and dropout use it)
    /// and draws the queue's initial entries from a generator with the same seed.
    /// </summary>
    public static IPretrainMethod Create(PretrainConfig config)
    {
        config.Validate();
        torch.manual_seed(config.Seed);
        var queueGenerator = new Generator((ulong)config.Seed);
        var encoder = config.EncoderWithHead;
        SkeletonEncoder CreateEncoder() => new StGcnEncoder(encoder);
        var normal = AugmentationPresets.Create(config.NormalAugmentation);
        return config.Method switch
        {
            "skeletonclr" => new SkeletonClr(CreateEncoder, normal, config.Stream, config.Moco, queueGenerator),
            "aimclr" => new AimClr(config.AimClr, config.Moco, CreateEncoder,
                (e, x, drop) => ((StGcnEncoder)e).ForwardWithDrop(x, drop),
                new Eadm(config.AimClr.Eadm).AsHook(), normal, AugmentationPresets.Create(config.AimClr.ExtremeAugmentation),
                config.Stream, queueGenerator),
            _ => throw new ArgumentException($"unknown pre-training method '{config.Method}': expected one of {string.Join(", ", PretrainConfig.Methods)}"),
        };
    }
}
