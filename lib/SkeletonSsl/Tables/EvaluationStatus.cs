using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>The evaluation in flight: the protocol, the stream it is on, its stage and how far.</summary>
/// <param name="Protocol">The protocol's display name ("linear evaluation").</param>
/// <param name="Stream">The stream being evaluated ("joint"), or null when the protocol does all at once.</param>
/// <param name="Stage">"features", "train", "test", "embed", or "" before the first report.</param>
/// <param name="Step">How far in the stage (for "train"/"test": the protocol's epoch).</param>
/// <param name="Steps">The stage's length.</param>
/// <param name="Loss">The latest training loss, where known.</param>
/// <param name="Top1">The latest test top-1 (0..1), where known.</param>
/// <param name="Elapsed">Time since the evaluation started.</param>
public sealed record EvaluationStatus(string Protocol, string? Stream = null, string Stage = "", int Step = 0, int Steps = 0,
                                      double? Loss = null, double? Top1 = null, TimeSpan Elapsed = default)
{
    /// <summary>Fraction of the stage done, 0..1.</summary>
    public double Fraction => Steps <= 0 ? 0 : Math.Clamp(Step / (double)Steps, 0, 1);
}
