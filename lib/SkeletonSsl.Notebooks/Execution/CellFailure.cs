namespace SkeletonSsl.Notebooks.Execution;

/// <summary>The cell that stopped a run.</summary>
/// <param name="CellIndex">0-based index among all cells of the notebook (markdown included).</param>
/// <param name="ExecutionCount">Its execution count, as Jupyter shows "In [n]".</param>
/// <param name="ErrorName">"CompilationError" for compiler diagnostics, else the exception's type name (e.g. "TimeoutException"), else "Error".</param>
/// <param name="Message">The kernel's message: the compiler diagnostics, or the exception with its stack trace.</param>
public sealed record CellFailure(int CellIndex, int ExecutionCount, string ErrorName, string Message)
{
    public override string ToString() => $"cell {CellIndex} (In [{ExecutionCount}]): {ErrorName}: {Message}";
}
