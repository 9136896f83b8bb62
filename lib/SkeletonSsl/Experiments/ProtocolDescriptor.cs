namespace SkeletonSsl.Experiments;

/// <summary>An evaluation protocol in the catalog (AimCLR §4.2; spec/aimclr.md §7).</summary>
/// <param name="Name">The catalog key used in specs.</param>
/// <param name="Display">How reports name it.</param>
/// <param name="Metrics">The metrics it reports (e.g. "top1", "top5", "nmi").</param>
/// <param name="Evaluate">The entry point, or null while the protocol is not part of the kit yet.</param>
public sealed record ProtocolDescriptor(string Name, string Display, IReadOnlyList<string> Metrics,
                                        Func<EvaluationRequest, ProtocolResult>? Evaluate)
{
    public bool IsWired => Evaluate is not null;
}
