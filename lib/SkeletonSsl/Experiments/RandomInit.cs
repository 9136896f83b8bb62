using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.StGcn;
using TorchSharp;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The "random-init" method: no pre-training; the ST-GCN keeps its seeded random initialisation.
/// Finetuning it is the supervised baseline of AimCLR Tables 5 and 8 (a reconstruction: the paper
/// quotes ST-GCN's published numbers), and linear/KNN on it is the floor a pre-trained encoder must beat.
/// </summary>
public static class RandomInit
{
    /// <summary>The encoder of a profile: AimCLR's ST-GCN (16…64, 256) for Quick and Paper, a narrower one for Smoke.</summary>
    public static StGcnConfig Config(PretrainSpec spec, Profile profile) =>
        profile == Profile.Smoke ? StGcnConfig.FromBaseWidth(4, 32) : StGcnConfig.AimClr;

    /// <summary>"Trains" nothing: returns a run whose encoder is a fresh seeded ST-GCN.</summary>
    public static PretrainRun Pretrain(PretrainRequest request)
    {
        var config = Config(request.Spec, request.Profile);
        return new PretrainRun(request.Spec, request.RunDirectory, null, [], device =>
        {
            using var generator = new torch.Generator((ulong)request.Seed);
            SkeletonEncoder encoder = new StGcnEncoder(config, generator);
            encoder.to(device);
            return encoder;
        });
    }
}
