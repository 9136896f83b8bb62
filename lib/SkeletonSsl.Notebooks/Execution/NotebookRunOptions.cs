using SkeletonSsl.Experiments;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>How to run a notebook headlessly.</summary>
/// <param name="Profile">Set as SKELETONSSL_PROFILE for the cells (notebooks read it with Profiles.FromEnvironment()).</param>
/// <param name="OutputPath">Where to write the notebook with its outputs; null writes nothing.</param>
/// <param name="Log">Receives a line per cell and the cells' console text as it happens; null for silence.</param>
public sealed record NotebookRunOptions(Profile Profile = Profile.Smoke, string? OutputPath = null, TextWriter? Log = null);
