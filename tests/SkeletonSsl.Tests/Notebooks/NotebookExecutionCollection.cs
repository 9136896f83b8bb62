namespace SkeletonSsl.Tests.Notebooks;

/// <summary>
/// Notebook runs set process-wide state (SKELETONSSL_PROFILE, the current directory, Console
/// writers), so their tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookExecutionCollection
{
    public const string Name = "Notebook execution";
}
