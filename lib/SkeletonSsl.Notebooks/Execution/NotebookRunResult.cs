namespace SkeletonSsl.Notebooks.Execution;

/// <summary>What a kernel run did.</summary>
/// <param name="Notebook">The notebook, with this run's outputs written into its cells.</param>
/// <param name="OutputPath">Where it was written, or null.</param>
/// <param name="CellsRun">Code cells submitted to the kernel (the failing one included).</param>
/// <param name="Failure">The first failing cell, or null when every cell ran.</param>
/// <param name="Elapsed">Wall-clock time of the run, the kernel's start included.</param>
public sealed record NotebookRunResult(NotebookDocument Notebook, string? OutputPath, int CellsRun, CellFailure? Failure, TimeSpan Elapsed)
{
    public bool Succeeded => Failure is null;
}
