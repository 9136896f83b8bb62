namespace SkeletonSsl.Notebooks;

/// <summary>
/// The first code cell of every notebook, the same text at any folder depth. Its first part (plain C#) finds the
/// repository (the folder holding Reproduce.sln, upwards from the kernel's working directory, which VS Code and
/// Jupyter set to the notebook's folder), stops with one sentence when the kit has not been built, and makes the
/// repository root the working directory. After <c>#!csharp</c> (which starts a second submission in the same C#
/// kernel) its <c>#r</c> lines are therefore resolved against the root: the kit's build writes the notebooks'
/// assemblies to one folder, <see cref="AssembliesFolder"/>, whatever the configuration. It then registers the
/// formatters, runs <c>Kit.Setup()</c> and reads the profile (SKELETONSSL_PROFILE, default Quick).
/// </summary>
public static class NotebookSetupCell
{
    /// <summary>The assemblies a notebook compiles against, all from <see cref="AssembliesFolder"/>.</summary>
    public static readonly IReadOnlyList<string> Assemblies =
    [
        "TorchSharp.dll", "Microsoft.Data.Analysis.dll", "Plotly.NET.dll", "Plotly.NET.CSharp.dll",
        "SkeletonSsl.dll", "SkeletonSsl.Notebooks.dll",
    ];

    /// <summary>The notebooks' assemblies, relative to the repository root (written by every build of this project).</summary>
    public const string AssembliesFolder = "lib/SkeletonSsl.Notebooks/bin/kernel";

    /// <summary>The setup cell's text.</summary>
    public static string Text
    {
        get
        {
            var lines = new List<string>
            {
                "// Setup, the same in every notebook: run from the repository root and load the kit (build it first: dotnet build Reproduce.sln).",
                "using System.IO;",
                "var repository = new DirectoryInfo(Environment.CurrentDirectory);",
                "while (repository is not null && !File.Exists(Path.Combine(repository.FullName, \"Reproduce.sln\"))) repository = repository.Parent;",
                "if (repository is null) throw new InvalidOperationException($\"This notebook is not inside a SkeletonSsl checkout: no Reproduce.sln above {Environment.CurrentDirectory}.\");",
                $"if (!File.Exists(Path.Combine(repository.FullName, \"{AssembliesFolder}/SkeletonSsl.Notebooks.dll\")))",
                "    throw new InvalidOperationException($\"The kit is not built: run `dotnet build Reproduce.sln` in {repository.FullName}, then restart the kernel.\");",
                "Environment.CurrentDirectory = repository.FullName;",
                "#!csharp",
            };
            lines.AddRange(Assemblies.Select(a => $"#r \"{AssembliesFolder}/{a}\""));
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
}
