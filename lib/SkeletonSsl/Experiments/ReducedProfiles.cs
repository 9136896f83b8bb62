using SkeletonSsl.Methods.Shared;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The sizes shared by the MoCo-based methods on the reduced profiles (DESIGN "Profiles"; choices of the kit,
/// not the papers'): Quick runs 2 epochs of batch 32 with a 512-key queue of 32-d features and m = 0.99, Smoke
/// 3 epochs of 16 with 64 keys of 16 and m = 0.9. They run about a hundred steps instead of the paper's ~94,000;
/// with m = 0.999 the key encoder would stay near its random init.
/// </summary>
internal static class ReducedProfiles
{
    public static (int Epochs, int BatchSize) Schedule(Profile profile) => profile switch
    {
        Profile.Quick => (2, 32),
        Profile.Smoke => (3, 16),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "expected smoke or quick"),
    };

    public static MocoConfig Moco(MocoConfig paper, Profile profile) => profile switch
    {
        Profile.Quick => paper with { FeatureDim = 32, QueueSize = 512, Momentum = 0.99 },
        Profile.Smoke => paper with { FeatureDim = 16, QueueSize = 64, Momentum = 0.9 },
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "expected smoke or quick"),
    };
}
