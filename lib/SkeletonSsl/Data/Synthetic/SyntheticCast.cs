namespace SkeletonSsl.Data.Synthetic;

/// <summary>The subjects and recording setups of one synthetic dataset, drawn from its seed.</summary>
internal sealed class SyntheticCast
{
    public SubjectStyle[] Subjects { get; }
    public CameraRig[] Setups { get; }

    public SyntheticCast(int seed, int subjects, int setups)
    {
        var rng = new Random(SeedMix.Of(seed, 1));
        Subjects = Enumerable.Range(0, subjects).Select(_ => SubjectStyle.Draw(rng)).ToArray();
        var rigs = new Random(SeedMix.Of(seed, 2));
        Setups = Enumerable.Range(0, setups).Select(_ => CameraRig.Draw(rigs)).ToArray();
    }

    /// <summary>Subject p's (1-based) partner in two-person actions: the next subject.</summary>
    public SubjectStyle Partner(int performer) => Subjects[performer % Subjects.Length];
}
