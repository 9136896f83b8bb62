using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Cli.Commands.Table;

/// <summary>
/// Table-run progress for redirected output (CI, pipes, files): one plain line per milestone
/// (<see cref="TableProgressText.Line"/>), no ANSI codes, nothing for per-step reports.
/// </summary>
internal sealed class TableProgressLines(TextWriter output) : IProgress<TableProgress>
{
    public void Report(TableProgress value)
    {
        if (TableProgressText.Line(value) is { } line) output.WriteLine(line);
    }
}
