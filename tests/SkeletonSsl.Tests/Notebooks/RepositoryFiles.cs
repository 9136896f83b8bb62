namespace SkeletonSsl.Tests.Notebooks;

/// <summary>Locates the repository (the folder holding Reproduce.sln) from the test binaries.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string NotebooksFolder => Path.Combine(Root, "notebooks");

    /// <summary>Every committed notebook, as paths relative to notebooks/ ("00-getting-started.ipynb", "AimCLR/...").</summary>
    public static IEnumerable<string> Notebooks() =>
        Directory.EnumerateFiles(NotebooksFolder, "*.ipynb", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Contains(".ipynb_checkpoints"))
            .Select(p => Path.GetRelativePath(NotebooksFolder, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Reproduce.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Reproduce.sln not found above {AppContext.BaseDirectory}");
    }
}
