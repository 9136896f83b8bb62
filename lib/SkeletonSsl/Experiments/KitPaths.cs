namespace SkeletonSsl.Experiments;

/// <summary>
/// Where runs, results and the synthetic set go by default: below the repository root (the folder
/// holding Reproduce.sln, found upwards from the working directory), else below the working
/// directory. Notebooks (which run in notebooks/...) and the CLI therefore share one results store,
/// so a run made by one is reused by the other.
/// </summary>
public static class KitPaths
{
    /// <summary>The repository root, or the working directory outside a checkout.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Reproduce.sln"))) return dir.FullName;
            return Directory.GetCurrentDirectory();
        }
    }

    /// <summary>runs/tables: pre-training runs, evaluation outputs, results and reports of paper tables.</summary>
    public static string Tables => Path.Combine(Root, "runs", "tables");

    /// <summary>data: the synthetic set (raw files and prepared stores).</summary>
    public static string Data => Path.Combine(Root, "data");
}
