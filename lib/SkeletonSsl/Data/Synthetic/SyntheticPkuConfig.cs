namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// The synthetic PKU-MMD-style set: per subject, <see cref="Sequences"/> long recordings, each filmed
/// from three views (L, M, R) and holding <see cref="ActionsPerVideo"/> action instances separated by
/// idle gaps. Part 1 names videos "0002-L" ..., Part 2 "A01N01-L" ... (spec/data.md §5.1).
/// Cross-subject test subjects are 2, 3 and 7 (Part II's official N02, N03, N07) plus every
/// subject above 13 with id mod 4 = 3; cross-view tests on L.
/// </summary>
public sealed record SyntheticPkuConfig(
    int Part = 1, int Classes = 20, int Subjects = 13, int Sequences = 2, int ActionsPerVideo = 12, double TimeScale = 0.75, int Seed = 0)
{
    public static SyntheticPkuConfig For(SyntheticSize size, int part = 1, int seed = 0) => size switch
    {
        SyntheticSize.Smoke => new SyntheticPkuConfig(part, Classes: 8, Subjects: 6, Sequences: 1, ActionsPerVideo: 8, TimeScale: 0.6, Seed: seed),
        SyntheticSize.Quick => new SyntheticPkuConfig(part, Seed: seed),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "expected Smoke or Quick"),
    };

    /// <summary>
    /// The CLI's settings: the preset for <paramref name="size"/>, then optional classes and subjects;
    /// <paramref name="instances"/> (over all views) sets the recordings per subject.
    /// </summary>
    public static SyntheticPkuConfig From(SyntheticSize size, int part, int seed, int? classes, int? subjects, int? instances)
    {
        var c = For(size, part, seed);
        if (classes is { } k) c = c with { Classes = k };
        if (subjects is { } s) c = c with { Subjects = s };
        return instances is { } n ? c with { Sequences = Math.Max(1, (int)Math.Round(n / (3.0 * c.Subjects * c.ActionsPerVideo))) } : c;
    }

    public static bool IsTestSubject(int subject) => subject is 2 or 3 or 7 || (subject > 13 && subject % 4 == 3);

    public void Validate()
    {
        if (Part is not (1 or 2)) throw new ArgumentException($"PKU-MMD part must be 1 or 2, got {Part}");
        if (Classes < 2 || Classes > SyntheticActions.Names.Count) throw new ArgumentException($"classes must be 2..{SyntheticActions.Names.Count}, got {Classes}");
        if (Subjects < 4 || Subjects > (Part == 2 ? 13 : 106)) throw new ArgumentException($"subjects must be 4..{(Part == 2 ? 13 : 106)} for part {Part}, got {Subjects}");
        if (Sequences < 1 || Sequences > (Part == 2 ? 26 : 99)) throw new ArgumentException($"sequences must be 1..{(Part == 2 ? 26 : 99)}, got {Sequences}");
        if (ActionsPerVideo < 1 || ActionsPerVideo > 60) throw new ArgumentException($"actions per video must be 1..60, got {ActionsPerVideo}");
        if (Subjects * Sequences > 9998) throw new ArgumentException("too many videos for 4-digit ids");
    }
}
