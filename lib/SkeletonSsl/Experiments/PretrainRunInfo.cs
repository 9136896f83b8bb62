namespace SkeletonSsl.Experiments;

/// <summary>
/// run.json of a run folder: status ("running", "complete", "stopped: …"), provenance (config
/// hash, seed, profile, device, TorchSharp version, the data it saw) and the last epoch's figures.
/// </summary>
public sealed record PretrainRunInfo
{
    public string Status { get; init; } = "running";
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
