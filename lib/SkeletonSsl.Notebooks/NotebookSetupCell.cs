namespace SkeletonSsl.Notebooks;

/// <summary>
/// The first code cell of every notebook. It references the built library by paths relative
/// to the notebook (a kernel's working directory is the notebook's folder), so only the number
/// of "../" differs between notebooks/ and notebooks/AimCLR/; the headless executor maps each
/// <c>#r</c> to the assembly of the same name already loaded. It registers the formatters, runs
/// <c>Kit.Setup()</c> and reads the profile (SKELETONSSL_PROFILE, default Quick).
/// </summary>
public static class NotebookSetupCell
{
    /// <summary>The assemblies a notebook compiles against, all from this project's build output.</summary>
    public static readonly IReadOnlyList<string> Assemblies =
    [
        "TorchSharp.dll", "Microsoft.Data.Analysis.dll", "Plotly.NET.dll", "Plotly.NET.CSharp.dll",
        "SkeletonSsl.dll", "SkeletonSsl.Notebooks.dll",
    ];

    /// <summary>The build output folder, relative to the repository root.</summary>
    public const string BuildOutput = "lib/SkeletonSsl.Notebooks/bin/Debug/net10.0";

    /// <summary>The setup cell of a notebook <paramref name="depth"/> folders below the repository root (notebooks/ is 1).</summary>
    public static string Text(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        string prefix = string.Concat(Enumerable.Repeat("../", depth)) + BuildOutput + "/";
        var lines = new List<string> { "// Setup (the same in every notebook; build first: dotnet build Reproduce.sln)" };
        lines.AddRange(Assemblies.Select(a => $"#r \"{prefix}{a}\""));
        lines.AddRange(
        [
            "using SkeletonSsl;",
            "using SkeletonSsl.Experiments;",
            "using SkeletonSsl.Notebooks;",
            "using TorchSharp;",
            "",
            "KitFormatters.Register();",
            "var profile = Profiles.FromEnvironment();",
            "$\"{Kit.Setup()}; profile {profile}\"",
        ]);
        return string.Join("\n", lines);
    }
}
