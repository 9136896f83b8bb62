using System.CommandLine;

namespace SkeletonSsl.Cli;

/// <summary>
/// One command of the CLI. Implementations are discovered by reflection, so adding a command is
/// adding a file: <see cref="Parent"/> names the group it lives under ("" for a top-level command,
/// or "data", "model", "bench", "table", "notebook").
/// </summary>
public interface ICliCommand
{
    string Parent { get; }
    Command Build();
}
