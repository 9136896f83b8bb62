namespace SkeletonSsl.Data.Synthetic;

/// <summary>
/// One clip of the synthetic NTU-style set: its file stem (SsssCcccPpppRrrrAaaa), 0-based label,
/// the name fields, and whether the sensor saw no body (a "missing skeleton" sample).
/// </summary>
public sealed record SyntheticClip(string Name, int Label, int Setup, int Camera, int Performer, int Replication, bool MissingSkeleton);
