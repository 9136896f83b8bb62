namespace SkeletonSsl.Data.Synthetic;

/// <summary>Preset sizes of the synthetic set: Smoke (~200 clips, for tests) and Quick (a few thousand).</summary>
public enum SyntheticSize
{
    Smoke,
    Quick,
}
