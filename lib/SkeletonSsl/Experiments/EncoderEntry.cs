using SkeletonSsl.Encoders;

namespace SkeletonSsl.Experiments;

/// <summary>An encoder in the catalog: its key, display name, origin and paper config (with its pre-training head).</summary>
/// <param name="Name">The key used by <c>--encoder</c> ("stgcn", "gru"); equals <see cref="EncoderConfig.Kind"/>.</param>
/// <param name="Display">How the papers name it ("ST-GCN", "BiGRU").</param>
/// <param name="Paper">Where it comes from.</param>
/// <param name="Default">The paper's configuration.</param>
public sealed record EncoderEntry(string Name, string Display, string Paper, EncoderConfig Default);
