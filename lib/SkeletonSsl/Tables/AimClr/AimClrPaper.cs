using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Tables.AimClr;

/// <summary>
/// Shared pieces of the AimCLR tables (Guo et al., "Contrastive Learning from Extremely Augmented
/// Skeleton Sequences for Self-supervised Action Recognition", AAAI 2022): the citation, the "§"
/// note and spec shorthands. Numbers are copied from the paper text.
/// </summary>
internal static class AimClrPaper
{
    public const string Citation = "Guo et al., AimCLR, AAAI 2022";

    public const string CrossStreamNote =
        "§: uses CrosSCLR's cross-stream knowledge mining, which the kit does not implement; not rerun";

    public static ExperimentSpec One(MethodConfig method, SkeletonStream stream, TableColumn column, string protocol = "linear") =>
        ExperimentSpec.Single(method, stream, column.Dataset!, column.Split!, protocol);

    public static ExperimentSpec Three(MethodConfig method, TableColumn column, string protocol = "linear") =>
        ExperimentSpec.ThreeStream(method, column.Dataset!, column.Split!, protocol);
}
