using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>How a <see cref="Runner"/> runs the experiments of a table.</summary>
/// <param name="Profile">Smoke / Quick / Paper.</param>
/// <param name="Seed">The experiment seed.</param>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="DataRoot">A prepared real dataset root; null runs on the synthetic set.</param>
/// <param name="RunsDirectory">Where pre-training runs and evaluation outputs go (pretrain/, eval/ below it).</param>
/// <param name="Log">Plain lines (waiting for a lock, what a pre-training run reuses, notes), or null. Without a
/// <see cref="Progress"/> it also hears one line per milestone of the table run.</param>
/// <param name="SyntheticRoot">Where the synthetic set is generated and prepared (default: the repository's data/ folder).</param>
public sealed record RunnerOptions(Profile Profile, int Seed, string Device, string? DataRoot, string RunsDirectory,
                                   Action<string>? Log = null, string SyntheticRoot = "data")
{
    /// <summary>Synthetic without a data root, real with one; collecting stored real results sets it explicitly.</summary>
    public DataKind Data { get; init; } = DataRoot is null ? DataKind.Synthetic : DataKind.Real;

    /// <summary>Structured progress of a table run (experiments k of n, the pre-training run and evaluation in flight, an
    /// estimate of the time left), or null; see <see cref="TableProgress"/>.</summary>
    public IProgress<TableProgress>? Progress { get; init; }

    public void Validate()
    {
        if (Device is not ("cpu" or "cuda")) throw new ArgumentException($"unknown device '{Device}': expected cpu or cuda");
        if (Seed < 0) throw new ArgumentException($"seed must be non-negative, got {Seed}");
        if (DataRoot is not null && !Directory.Exists(DataRoot)) throw new DirectoryNotFoundException($"data root '{DataRoot}' does not exist");
        if (Profile == Profile.Paper && DataRoot is null)
            Log?.Invoke("note: the paper profile on the synthetic set uses paper-sized models on stand-in data");
    }
}
