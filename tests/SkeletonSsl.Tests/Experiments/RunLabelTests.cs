using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Experiments;

public sealed class RunLabelTests
{
    private static readonly Catalog Kit = Catalog.Default;

    [Fact]
    public void A_single_stream_experiment_reads_method_stream_dataset_split_and_protocol()
    {
        var spec = ExperimentSpec.Single(AimClrConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub", "linear");
        Assert.Equal("AimCLR, joint, NTU-60 xsub, linear evaluation", RunLabel.Of(spec, Kit));
        var gru = ExperimentSpec.Single(SkeletonClrConfig.Gru, SkeletonStream.Joint, "pku2", "xsub", "finetune").PretrainedOn("ntu60", "xsub");
        Assert.Equal("SkeletonCLR (BiGRU), joint, PKU-MMD part II xsub, finetune evaluation, pre-trained on NTU-60 xsub", RunLabel.Of(gru, Kit));
    }

    [Fact]
    public void Ablation_switches_read_as_words_after_the_protocol()
    {
        var spec = ExperimentSpec.ThreeStream(AimClrConfig.Paper with { DropBranch = false, MiningEpoch = SkeletonSsl.Methods.AimClrSettings.Never },
                                              "ntu60", "xsub", "linear");
        Assert.Equal("AimCLR, joint+motion+bone, NTU-60 xsub, linear evaluation, without EADM, without NNM", RunLabel.Of(spec, Kit));
    }

    [Fact]
    public void Protocol_options_and_acronyms_read_as_the_paper_writes_them()
    {
        var semi = ExperimentSpec.ThreeStream(AimClrConfig.Paper, "pku1", "xsub", "semi").WithProtocolOption("labelled", "0.01");
        Assert.Equal("AimCLR, joint+motion+bone, PKU-MMD part I xsub, semi-supervised evaluation, 1% labels", RunLabel.Of(semi, Kit));
        var knn = ExperimentSpec.Single(SkeletonClrConfig.Paper with { Training = SkeletonClrConfig.Paper.Training with { Epochs = 100 } },
                                        SkeletonStream.Bone, "ntu120", "xset", "knn");
        Assert.Equal("SkeletonCLR (ST-GCN), bone, NTU-120 xset, KNN evaluation, 100 epochs", RunLabel.Of(knn, Kit));
    }

    [Fact]
    public void A_pretraining_run_is_named_without_a_protocol()
    {
        var spec = new PretrainSpec(SkeletonClrConfig.Paper with { NormalAugmentation = "aimclr-extreme" }, SkeletonStream.Motion, "ntu60", "xview");
        Assert.Equal("SkeletonCLR (ST-GCN), motion, NTU-60 xview, with aimclr-extreme augmentations", RunLabel.Of(spec, Kit));
    }

    [Fact]
    public void The_hash_is_no_part_of_a_label_and_ends_the_diagnostic_form()
    {
        var spec = ExperimentSpec.Single(AimClrConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub", "linear");
        Assert.DoesNotContain(spec.Hash, RunLabel.Of(spec, Kit));
        Assert.EndsWith($" [{spec.Hash}]", RunLabel.WithHash(spec, Kit));
        Assert.StartsWith(RunLabel.Of(spec, Kit), RunLabel.WithHash(spec, Kit));
    }

    [Fact]
    public void Names_the_catalog_does_not_know_fall_back_to_their_keys()
    {
        var catalog = Kit with { Methods = Kit.Methods.Remove("aimclr"), Datasets = Kit.Datasets.Remove("ntu60") };
        var spec = ExperimentSpec.Single(AimClrConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub", "probe").WithProtocolOption("mask", "0.5");
        Assert.Equal("aimclr, joint, ntu60 xsub, probe, mask=0.5", RunLabel.Of(spec, catalog));
    }

    public static TheoryData<string> Tables => [.. Kit.Tables.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_experiment_of_a_table_has_its_own_label(string id)
    {
        var labels = Kit.Table(id).Experiments.Select(s => RunLabel.Of(s, Kit)).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.All(labels, l => Assert.DoesNotContain("=", l));           // every switch the tables use has words
    }
}
