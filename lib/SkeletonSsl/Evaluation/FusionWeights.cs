namespace SkeletonSsl.Evaluation;

/// <summary>
/// Weights of the three streams' logits in the fused score. Default: AimCLR's
/// 0.6 joint + 0.6 bone + 0.4 motion (paper §4.1, spec/aimclr.md §1.4); <see cref="Mean"/> is the
/// plain average of the three streams' scores that CMD uses (spec/pcm3.md §8.1).
/// </summary>
public sealed record FusionWeights(double Joint = 0.6, double Bone = 0.6, double Motion = 0.4)
{
    public static FusionWeights AimClr => new();
    public static FusionWeights Mean => new(1.0 / 3, 1.0 / 3, 1.0 / 3);

    public double Of(SkeletonSsl.Skeletons.SkeletonStream stream) => stream switch
    {
        SkeletonSsl.Skeletons.SkeletonStream.Joint => Joint,
        SkeletonSsl.Skeletons.SkeletonStream.Bone => Bone,
        SkeletonSsl.Skeletons.SkeletonStream.Motion => Motion,
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "expected joint, bone or motion"),
    };
}
