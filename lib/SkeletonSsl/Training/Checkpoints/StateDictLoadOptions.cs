namespace SkeletonSsl.Training.Checkpoints;

/// <summary>
/// How a checkpoint's tensors are matched to a module's state dict.
/// <list type="bullet">
/// <item><see cref="Prefix"/>: only keys starting with it are considered, with it removed
/// (e.g. <c>encoder_q.</c> to take the query encoder out of a whole pre-training checkpoint);
/// keys outside the prefix are ignored, not unexpected.</item>
/// <item><see cref="StripModulePrefix"/>: a leading <c>module.</c> (DataParallel) is removed first, as the
/// reference loaders do.</item>
/// <item><see cref="Ignore"/>: key prefixes left out on both sides (e.g. <c>fc.</c> to load a backbone only).</item>
/// <item><see cref="AllowPartial"/>: load what matches and report the rest instead of refusing.</item>
/// </list>
/// </summary>
public sealed record StateDictLoadOptions
{
    public string Prefix { get; init; } = "";
    public bool StripModulePrefix { get; init; } = true;
    public IReadOnlyList<string> Ignore { get; init; } = [];
    public bool AllowPartial { get; init; }

    public static StateDictLoadOptions Strict { get; } = new();
}
