namespace SkeletonSsl.Notebooks.Execution;

/// <summary>What a headless run did.</summary>
/// <param name="Notebook">The notebook, with this run's outputs written into its cells.</param>
/// <param name="OutputPath">Where it was written, or null.</param>
/// <param name="CellsRun">C# cells executed (the failing one included).</param>
/// <param name="CellsSkipped">Code cells for another kernel (F#, PowerShell, ...), left as they were.</param>
/// <param name="Failure">The first failing cell, or null when every cell ran.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record NotebookRunResult(
    NotebookDocument Notebook, string? OutputPath, int CellsRun, int CellsSkipped, CellFailure? Failure, TimeSpan Elapsed)
{
    public bool Succeeded => Failure is null;
}
