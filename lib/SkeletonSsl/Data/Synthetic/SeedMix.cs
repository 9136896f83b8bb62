namespace SkeletonSsl.Data.Synthetic;

/// <summary>Derives independent, order-free seeds from a base seed and integer keys (SplitMix64 finaliser).</summary>
internal static class SeedMix
{
    public static int Of(long seed, params int[] keys)
    {
        ulong h = (ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;
        foreach (int k in keys) h = Mix(h ^ ((ulong)(uint)k + 0x9E3779B97F4A7C15UL));
        return (int)(h & 0x7FFFFFFF);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
