namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// What the synthetic generator produces. Each (subject, class, repetition) is one performance,
/// filmed by the three sensors of its setup, so clips = Classes × Subjects × Repetitions × 3
/// (plus the corrupt files). Repetition k is recorded in setup 1 + (subject − 1 + k / 2) mod Setups
/// with replication 1 + k mod 2, so x-sub, x-view and x-set splits all exist.
/// </summary>
/// <param name="Classes">Action classes, the first ones of <see cref="SyntheticActions.Names"/>.</param>
/// <param name="Subjects">Performers P001..; NTU-60's x-sub training ids decide the split.</param>
/// <param name="Repetitions">Performances per class and subject.</param>
/// <param name="TimeScale">Multiplies clip lengths (1 gives ~40–90 frames).</param>
/// <param name="Setups">Recording setups (camera height, distance, tilt).</param>
/// <param name="MissingSkeletonRate">Fraction of clips whose sensor saw no body (listed in the ignore file).</param>
/// <param name="CorruptFiles">Malformed files added for error-handling checks (listed in synthetic.json).</param>
/// <param name="Seed">Everything is a deterministic function of the seed.</param>
public sealed record SyntheticConfig(
    int Classes = 20, int Subjects = 20, int Repetitions = 2, double TimeScale = 1.0, int Setups = 8,
    double MissingSkeletonRate = 0.01, int CorruptFiles = 3, int Seed = 0)
{
    /// <summary>Smoke: 8 classes × 8 subjects × 1 × 3 views = 192 clips, ~25–45 frames. Quick: 20 × 20 × 2 × 3 = 2,400 clips, ~30–75 frames.</summary>
    public static SyntheticConfig For(SyntheticSize size, int seed = 0) => size switch
    {
        SyntheticSize.Smoke => new SyntheticConfig(Classes: 8, Subjects: 8, Repetitions: 1, TimeScale: 0.6, CorruptFiles: 2, Seed: seed),
        SyntheticSize.Quick => new SyntheticConfig(TimeScale: 0.75, Seed: seed),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "expected Smoke or Quick"),
    };

    /// <summary>Clips with a body (files written minus corrupt ones), before removing the missing-skeleton ones.</summary>
    public int Clips => Classes * Subjects * Repetitions * 3;

    public void Validate()
    {
        if (Classes < 2 || Classes > SyntheticActions.Names.Count)
            throw new ArgumentException($"classes must be 2..{SyntheticActions.Names.Count}, got {Classes}");
        if (Subjects < 2 || Subjects > 106) throw new ArgumentException($"subjects must be 2..106, got {Subjects}");
        if (Repetitions < 1 || (Repetitions + 1) / 2 > Setups) throw new ArgumentException($"repetitions must be 1..{2 * Setups}, got {Repetitions}");
        if (Setups < 1 || Setups > 32) throw new ArgumentException($"setups must be 1..32, got {Setups}");
        if (TimeScale is <= 0.1 or > 3) throw new ArgumentException($"time scale must be in (0.1, 3], got {TimeScale}");
        if (MissingSkeletonRate is < 0 or > 0.5) throw new ArgumentException($"missing-skeleton rate must be in [0, 0.5], got {MissingSkeletonRate}");
        if (CorruptFiles < 0 || CorruptFiles > 99) throw new ArgumentException($"corrupt files must be 0..99, got {CorruptFiles}");
    }
}
