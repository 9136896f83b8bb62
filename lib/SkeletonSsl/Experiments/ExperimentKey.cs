namespace SkeletonSsl.Experiments;

/// <summary>What makes two results the same result: the experiment (its config hash), the profile,
/// the seed and the kind of data. A stored result with an equal key is reused, not recomputed.</summary>
public sealed record ExperimentKey(ExperimentSpec Spec, Profile Profile, int Seed, DataKind Data)
{
    /// <summary>The store's file name relative to its root: profile/data/hash-seedS.json.</summary>
    public string RelativePath => Path.Combine(Profile.ToString().ToLowerInvariant(), Data.ToString().ToLowerInvariant(),
                                               $"{Spec.Hash}-seed{Seed}.json");
}
