using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Tables.Pcm3;

/// <summary>
/// Shared pieces of the PCM3 tables (Zhang et al., "Prompted Contrast with Masked Motion Modeling: Towards
/// Versatile 3D Action Representation Learning", ACM MM 2023): the citation and spec shorthands. Numbers are
/// copied from the paper text (papers/pcm3-acmmm2023.md), which is the authority; tables use the paper's
/// numbering (spec/README.md "Corrections": pcm3.md §9-10 use the project page's). Every PCM3 row runs on the
/// joint stream unless it is a "3s-" row, with the CMD recipes of <see cref="Pcm3Config"/> (spec/pcm3.md §8).
/// </summary>
internal static class Pcm3Paper
{
    public const string Citation = "Zhang et al., PCM3, ACM MM 2023";

    /// <summary>A check mark of the ablation tables' switch columns.</summary>
    public const string Check = "✓";

    /// <summary>The setting of the ablations (§4.4): "linear evaluation, using NTU 60 dataset xview protocol by default".</summary>
    public const string AblationDataset = "ntu60", AblationSplit = "xview";

    /// <summary>Table 8's starting point: the paper's PCM3 without any prompt (its caption), which is also Table 9's first row.</summary>
    public static Pcm3Config WithoutPrompts { get; } = Pcm3Config.Paper with { DomainPrompts = false, TaskPrompts = false };

    /// <summary>A single-stream experiment on the column's dataset split (the joint stream by default).</summary>
    public static ExperimentSpec One(MethodConfig method, TableColumn column, string protocol = "linear", SkeletonStream stream = SkeletonStream.Joint) =>
        ExperimentSpec.Single(method, stream, column.Dataset!, column.Split!, protocol);

    /// <summary>A three-stream experiment, fused with the method's recipe (PCM3 and CMD: the average of the streams' scores).</summary>
    public static ExperimentSpec Three(MethodConfig method, TableColumn column, string protocol = "linear") =>
        ExperimentSpec.ThreeStream(method, column.Dataset!, column.Split!, protocol);

    /// <summary>An ablation row's experiment: linear evaluation of the joint stream on NTU-60 xview (§4.4).</summary>
    public static ExperimentSpec Ablation(Pcm3Config method) =>
        ExperimentSpec.Single(method, SkeletonStream.Joint, AblationDataset, AblationSplit, "linear");
}
