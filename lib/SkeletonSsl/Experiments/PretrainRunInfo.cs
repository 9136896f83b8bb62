namespace SkeletonSsl.Experiments;

/// <summary>
/// run.json of a run folder: status, provenance (config hash, seed, profile, device, TorchSharp
/// version, the data it saw) and the last finished epoch's figures, rewritten after every epoch so
/// that it tells the truth however the run stops. Statuses: <see cref="Running"/>, <see cref="Complete"/>,
/// "stopped: non-finite loss", "stopped: cancelled", <see cref="Failed"/> (with <see cref="Reason"/>), and
/// <see cref="Interrupted"/>, which no process writes: <see cref="PretrainRunFolder.ReadInfo"/> reports a
/// "running" run whose process is gone (killed, crashed, power lost) that way.
/// </summary>
public sealed record PretrainRunInfo
{
    public const string Running = "running";
    public const string Complete = "complete";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";

    public string Status { get; init; } = Running;

    /// <summary>Why the run stopped, for every status but running and complete.</summary>
    public string? Reason { get; init; }

    /// <summary>The id of the process that wrote this record.</summary>
    public int Pid { get; init; }

    public string Method { get; init; } = "";
    public string ConfigHash { get; init; } = "";
    public long Seed { get; init; }
    public string Profile { get; init; } = "";
    public string Stream { get; init; } = "";
    public string Device { get; init; } = "";
    public string TorchSharp { get; init; } = "";
    public string Data { get; init; } = "";
    public int Clips { get; init; }
    public int EpochsDone { get; init; }
    public int Epochs { get; init; }
    public double? FinalLoss { get; init; }
    public double? SamplesPerSecond { get; init; }
    public double Seconds { get; init; }
    public DateTimeOffset Started { get; init; }
    public DateTimeOffset? Finished { get; init; }
}
