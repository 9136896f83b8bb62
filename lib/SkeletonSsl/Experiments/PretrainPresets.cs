using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The three sizes of a pre-training run (DESIGN "Profiles"). Paper: spec/aimclr.md §8.1 exactly.
/// Quick: the synthetic Quick set on a 2-core CPU in about a minute per run, ST-GCN at quarter width
/// (4…16, h = 32), batch 32, 2 epochs (≈ 100 steps), NNM from epoch 2 (the paper's relative position 1/2).
/// Smoke: seconds, for tests and notebook checks; NNM from epoch 2 so both stages run.
/// Both small profiles are reduced-profile choices, not the paper's: PyTorch's default init instead of
/// the reference N(0, 0.02) (<see cref="StGcnInit"/>), dropout 0.1, a queue smaller than the training
/// set, and a faster key-encoder EMA (m = 0.99 and 0.9): they run about a hundred steps instead of the
/// paper's ~94,000, and with m = 0.999 the key encoder would stay near its random init.
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
                Encoder = StGcnConfig.FromBaseWidth(4, 32) with { Init = StGcnInit.PyTorchDefault, Dropout = 0.1 },
                Moco = paper.Moco with { FeatureDim = 32, QueueSize = 512, Momentum = 0.99 },
                AimClr = paper.AimClr with { MiningEpoch = 1 },
                Training = paper.Training with { Epochs = 2, BatchSize = 32, LrSteps = [2], CheckpointEvery = 1 },
            },
            Profile.Smoke => paper with
            {
                Encoder = StGcnConfig.FromBaseWidth(4, 16) with { Init = StGcnInit.PyTorchDefault, Dropout = 0.1 },
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
