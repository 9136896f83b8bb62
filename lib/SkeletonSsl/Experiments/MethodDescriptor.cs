namespace SkeletonSsl.Experiments;

/// <summary>
/// A pre-training method in the catalog. <see cref="Config"/> gives the method's typed config record
/// for a run and profile (the paper's defaults under Paper); <see cref="Pretrain"/> trains it. Either is
/// null while the method is not part of the kit yet, which makes every table that needs it "not yet".
/// </summary>
/// <param name="Name">The catalog key used in specs.</param>
/// <param name="Display">The name the papers print.</param>
/// <param name="Paper">Where the method comes from.</param>
/// <param name="Options">The switches its specs may set (e.g. "eadm", "nnm", "epochs").</param>
/// <param name="Config">Spec and profile to the method's config record, or null.</param>
/// <param name="Pretrain">The pre-training entry point, or null.</param>
public sealed record MethodDescriptor(string Name, string Display, string Paper,
                                      IReadOnlyList<string> Options,
                                      Func<PretrainSpec, Profile, object>? Config,
                                      Func<PretrainRequest, PretrainRun>? Pretrain)
{
    public bool IsWired => Pretrain is not null;
}
