using static TorchSharp.torch;

namespace SkeletonSsl.Methods.Shared;

/// <summary>
/// A step's result: Loss, a scalar with gradient; Terms, its named parts as detached scalars in
/// a fixed order (they become metrics.csv columns, e.g. "info_nce", "d3m_extreme").
/// </summary>
public sealed record StepOutput(Tensor Loss, IReadOnlyList<KeyValuePair<string, Tensor>> Terms);
