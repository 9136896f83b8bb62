using SkeletonSsl.Experiments;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>How to run a notebook in the kernel.</summary>
/// <param name="Profile">Set as SKELETONSSL_PROFILE in the kernel's environment (notebooks read it with Profiles.FromEnvironment()).</param>
/// <param name="OutputPath">Where to write the notebook with its outputs; null writes nothing.</param>
/// <param name="Log">Receives a line per cell and the cells' console text as it happens; null for silence.</param>
/// <param name="CellTimeout">How long one cell may run before the run fails (null: 2 hours).</param>
public sealed record NotebookRunOptions(Profile Profile = Profile.Smoke, string? OutputPath = null, TextWriter? Log = null, TimeSpan? CellTimeout = null);
