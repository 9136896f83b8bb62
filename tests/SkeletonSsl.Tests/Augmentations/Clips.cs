using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Augmentations;

/// <summary>Small seeded batches of skeleton clips for the augmentation tests.</summary>
internal static class Clips
{
    /// <summary>(n, 3, t, 25, 2) N(0, 1) clips; the second body of every other clip is absent (zero).</summary>
    public static Tensor Random(long n = 6, long t = 50, long seed = 1)
    {
        NativeRuntime.EnsureInitialised();
        var x = randn(new[] { n, 3L, t, 25L, 2L }, generator: new Generator((ulong)seed));
        for (long i = 0; i < n; i += 2) x[i, .., .., .., 1] = 0;
        return x;
    }

    /// <summary>Clips with valid lengths <paramref name="lengths"/>, zero-padded to t frames.</summary>
    public static Tensor Padded(long[] lengths, long t, long seed = 2)
    {
        var x = Random(lengths.Length, t, seed);
        for (int i = 0; i < lengths.Length; i++) x[i, .., TensorIndex.Slice(lengths[i], t)] = 0;
        return x;
    }

    public static Generator Seeded(ulong seed = 7) => new(seed);

    public static float MaxAbsDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
