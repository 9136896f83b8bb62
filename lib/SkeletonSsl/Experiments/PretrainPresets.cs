using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The three sizes of a pre-training run (DESIGN "Profiles"). Paper: spec/aimclr.md §8.1 exactly.
/// Quick: the synthetic Quick set on a 2-core CPU in minutes, ST-GCN at half width (8…32, h = 64),
/// 12 epochs with the schedule and the NNM switch at the paper's relative positions (5/6 and 1/2).
/// Smoke: seconds, for tests and notebook checks; NNM from epoch 2 so both stages run.
/// Both small profiles take a faster key-encoder EMA (m = 0.99 and 0.9): they run a few hundred
/// steps instead of the paper's ~94,000, and with m = 0.999 the key encoder would stay near its
/// random init, whose embeddings of all clips are nearly parallel, so InfoNCE could not learn.
/// </summary>
public static class PretrainPresets
{
    public static PretrainConfig Create(string method, Profile profile, SkeletonStream stream = SkeletonStream.Joint, long seed = 0)
    {
        var paper = new PretrainConfig { Method = method, Profile = profile, Stream = stream, Seed = seed };
        var config = profile switch
        {
            Profile.Paper => paper,
            Profile.Quick => paper with
            {
                Encoder = StGcnConfig.FromBaseWidth(8, 64),
                Moco = paper.Moco with { FeatureDim = 64, QueueSize = 1024, Momentum = 0.99 },
                AimClr = paper.AimClr with { MiningEpoch = 6 },
                Training = paper.Training with { Epochs = 12, BatchSize = 64, LrSteps = [10], CheckpointEvery = 4 },
            },
            Profile.Smoke => paper with
            {
                Encoder = StGcnConfig.FromBaseWidth(4, 16) with { Dropout = 0.1 },
                Moco = paper.Moco with { FeatureDim = 16, QueueSize = 64, Momentum = 0.9 },
                AimClr = paper.AimClr with { MiningEpoch = 1 },
                Training = paper.Training with { Epochs = 3, BatchSize = 16, LrSteps = [2], CheckpointEvery = 1 },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "expected smoke, quick or paper"),
        };
        config.Validate();
        return config;
    }
}
