using TorchSharp;

namespace SkeletonSsl.Experiments;

/// <summary>Where a result came from (DESIGN style rule 11): the code's commit, the device, the
/// TorchSharp version and when it was measured.</summary>
/// <param name="Commit">The git commit of the working tree, or "unknown" outside a checkout.</param>
/// <param name="Device">"cpu" or "cuda" (with the GPU name when known).</param>
/// <param name="TorchSharpVersion">The TorchSharp assembly version.</param>
/// <param name="Timestamp">When the result was recorded (UTC).</param>
public sealed record Provenance(string Commit, string Device, string TorchSharpVersion, DateTimeOffset Timestamp)
{
    /// <summary>The provenance of a result measured now on <paramref name="device"/>.</summary>
    public static Provenance Capture(string device) =>
        new(GitCommit.Find(Directory.GetCurrentDirectory()) ?? GitCommit.Find(AppContext.BaseDirectory) ?? "unknown",
            device, TorchSharpVersionString, DateTimeOffset.UtcNow);

    /// <summary>TorchSharp's assembly version (reading it does not load the native library).</summary>
    public static string TorchSharpVersionString => typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
