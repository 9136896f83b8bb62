namespace SkeletonSsl.Tests.Notebooks;

/// <summary>
/// Tests that start notebook kernels: each kernel is a process that loads libtorch and trains, so they run one at a
/// time, after the parallel tests, instead of oversubscribing the cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookExecutionCollection
{
    public const string Name = "Notebook execution";
}
