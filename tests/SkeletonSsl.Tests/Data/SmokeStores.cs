using SkeletonSsl.Data.Synthetic;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Data;

/// <summary>The Smoke synthetic stores shared by the data tests (made once per machine, reused while their hashes check).</summary>
internal static class SmokeStores
{
    /// <summary>
    /// One root per generator version and per build folder, so test runs of different checkouts on one
    /// machine never regenerate each other's files while they are being read.
    /// </summary>
    public static readonly string Root = Path.Combine(Path.GetTempPath(), "skeletonssl-tests",
        $"data-v{SyntheticNtuGenerator.GeneratorVersion}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..10]}");

    private static readonly Lazy<string> AimClrDir = new(() => Ensure("aimclr"));
    private static readonly Lazy<string> CmdDir = new(() => Ensure("cmd"));

    private static readonly Lazy<string> DetectionDir = new(() =>
    {
        NativeRuntime.EnsureInitialised();
        return SyntheticSets.EnsurePreparedDetection(Root, SyntheticSize.Smoke);
    });

    public static string AimClr => AimClrDir.Value;

    /// <summary>The Smoke synthetic PKU-MMD I set of untrimmed recordings with frame labels (action detection).</summary>
    public static string Detection => DetectionDir.Value;
    public static string Cmd => CmdDir.Value;

    /// <summary>The raw folder EnsurePrepared generated for the Smoke size (seed 0).</summary>
    public static string Raw
    {
        get
        {
            _ = AimClr;
            return Path.Combine(Root, "synthetic", "ntu60-smoke-seed0");
        }
    }

    private static string Ensure(string pipeline)
    {
        NativeRuntime.EnsureInitialised();
        return SyntheticSets.EnsurePrepared(Root, SyntheticSize.Smoke, pipeline);
    }
}
