using System.Text.Json;
using SkeletonSsl.Experiments;
using SkeletonSsl.Methods;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Experiments;

public sealed class ExperimentSpecTests
{
    private static ExperimentSpec AimClr3s => ExperimentSpec.ThreeStream(AimClrConfig.Paper, "ntu60", "xsub", "linear");

    private static ExperimentSpec With(AimClrConfig method) => AimClr3s with { Method = method };

    [Fact]
    public void The_canonical_form_is_the_methods_typed_json_and_the_rest_of_the_experiment()
    {
        Assert.StartsWith("method={\"$method\":\"aimclr\",\"encoder\":{\"$encoder\":\"stgcn\",", AimClr3s.Canonical);
        Assert.EndsWith(";streams=joint+motion+bone;pretrain=;dataset=ntu60;split=xsub;protocol=linear;protocol-options={};fusion=0.6,0.4,0.6",
                        AimClr3s.Canonical);
        Assert.Matches("^[0-9a-f]{16}$", AimClr3s.Hash);
    }

    [Fact]
    public void Equal_specs_built_separately_are_equal_and_share_a_hash()
    {
        var a = With(AimClrConfig.Paper with { MiningEpoch = AimClrSettings.Never } with { DropBranch = false });
        var b = With(AimClrConfig.Paper with { DropBranch = false, MiningEpoch = AimClrSettings.Never });
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.Hash, b.Hash);
    }

    [Fact]
    public void Any_change_of_method_option_protocol_option_stream_or_weights_changes_the_hash()
    {
        var hashes = new[]
        {
            AimClr3s, With(AimClrConfig.Paper with { MiningEpoch = AimClrSettings.Never }), AimClr3s.WithProtocolOption("labelled", "0.01"),
            AimClr3s with { Protocol = "semi" }, AimClr3s with { Split = "xview" }, AimClr3s with { FusionWeights = [1.0, 1.0, 1.0] },
            ExperimentSpec.Single(AimClrConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub", "linear"),
            AimClr3s with { Method = SkeletonClrConfig.Paper }, AimClr3s.PretrainedOn("ntu120", "xsub"),
        }.Select(s => s.Hash);
        Assert.Equal(9, hashes.Distinct().Count());
    }

    [Fact]
    public void A_spec_survives_a_json_round_trip_with_its_hash()
    {
        var spec = With(AimClrConfig.Paper with { Training = AimClrConfig.Paper.Training with { Epochs = 100 } })
            .WithProtocolOption("labelled", "0.1").PretrainedOn("ntu120", "xsub");
        var json = JsonSerializer.Serialize(spec, ResultStore.Json);
        Assert.Contains("\"joint\"", json);
        var back = JsonSerializer.Deserialize<ExperimentSpec>(json, ResultStore.Json)!;
        Assert.Equal(spec, back);
        Assert.Equal(spec.Hash, back.Hash);
        Assert.Equal(100, back.Method.Training.Epochs);
        Assert.Equal(("ntu120", "xsub"), (back.PretrainDataset, back.PretrainSplit));
    }

    [Fact]
    public void Three_stream_specs_need_one_pretraining_per_stream_with_the_same_switches()
    {
        var pretrains = With(AimClrConfig.Paper with { MiningEpoch = AimClrSettings.Never }).Pretrains.ToList();
        Assert.Equal([SkeletonStream.Joint, SkeletonStream.Motion, SkeletonStream.Bone], pretrains.Select(p => p.Stream));
        Assert.All(pretrains, p => Assert.Equal(AimClrSettings.Never, ((AimClrConfig)p.Method).MiningEpoch));
        Assert.Equal(3, pretrains.Select(p => p.Hash).Distinct().Count());
    }

    [Fact]
    public void A_cross_dataset_spec_pretrains_on_its_source_and_evaluates_on_its_target()
    {
        var transfer = ExperimentSpec.Single(SkeletonClrConfig.Gru, SkeletonStream.Joint, "pku2", "xsub", "finetune").PretrainedOn("ntu60", "xsub");
        var p = Assert.Single(transfer.Pretrains);
        Assert.Equal(("ntu60", "xsub"), (p.Dataset, p.Split));
        Assert.Equal(("pku2", "xsub"), (transfer.Dataset, transfer.Split));
        Assert.Equal(p.Hash, new PretrainSpec(SkeletonClrConfig.Gru, SkeletonStream.Joint, "ntu60", "xsub").Hash);   // shared with ntu60's own rows
        Catalog.Default.Check(transfer);
        Assert.Throws<ArgumentException>(() => Catalog.Default.Check(transfer.PretrainedOn("ntu61", "xsub")));
    }

    [Fact]
    public void Malformed_specs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => (AimClr3s with { FusionWeights = [0.5] }).Validate());
        Assert.Throws<ArgumentException>(() => (AimClr3s with { Streams = [] }).Validate());
        Assert.Throws<ArgumentException>(() => (AimClr3s with { Streams = [SkeletonStream.Joint, SkeletonStream.Joint, SkeletonStream.Bone] }).Validate());
        Assert.Throws<ArgumentException>(() => (AimClr3s with { Method = null! }).Validate());
        Assert.Throws<ArgumentException>(() => (AimClr3s with { PretrainDataset = "ntu120" }).Validate());
    }
}
