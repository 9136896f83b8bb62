namespace SkeletonSsl;

/// <summary>
/// How big a run is. The same code path serves all three; only sizes and epochs change.
/// <list type="bullet">
/// <item>Smoke: seconds; tiny synthetic data and models; what unit and notebook tests run.</item>
/// <item>Quick: minutes on a 2-core CPU; the synthetic set and reduced widths; shows real learning.</item>
/// <item>Paper: the paper's data and hyper-parameters; meant for a CUDA GPU.</item>
/// </list>
/// </summary>
public enum Profile
{
    Smoke,
    Quick,
    Paper,
}

/// <summary>Parsing and the environment override used by notebooks (<c>SKELETONSSL_PROFILE</c>).</summary>
public static class Profiles
{
    public const string EnvironmentVariable = "SKELETONSSL_PROFILE";

    public static Profile Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "smoke" => Profile.Smoke,
        "quick" => Profile.Quick,
        "paper" => Profile.Paper,
        _ => throw new ArgumentException($"unknown profile '{text}': expected smoke, quick or paper"),
    };

    /// <summary>The profile named by SKELETONSSL_PROFILE, else <paramref name="fallback"/>.</summary>
    public static Profile FromEnvironment(Profile fallback = Profile.Quick) =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } v ? Parse(v) : fallback;
}
