using System.Text.Json;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Tests.Experiments;

public sealed class ExperimentSpecTests
{
    private static ExperimentSpec AimClr3s => ExperimentSpec.ThreeStream("aimclr", "ntu60", "xsub", "linear");

    [Fact]
    public void The_config_hash_is_stable_across_processes_and_versions()
    {
        // A changed hash orphans every stored result: change this value only together with the canonical form.
        Assert.Equal("method=aimclr;streams=joint+motion+bone;dataset=ntu60;split=xsub;protocol=linear;method-options={};protocol-options={};fusion=0.6,0.4,0.6",
                     AimClr3s.Canonical);
        Assert.Equal("eea732ee0f3b23fc", AimClr3s.Hash);
    }

    [Fact]
    public void Equal_specs_built_separately_are_equal_and_share_a_hash()
    {
        var a = AimClr3s.WithMethodOption("nnm", "off").WithMethodOption("eadm", "off");
        var b = AimClr3s.WithMethodOption("eadm", "off").WithMethodOption("nnm", "off");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.Hash, b.Hash);
    }

    [Fact]
    public void Any_change_of_method_option_protocol_option_stream_or_weights_changes_the_hash()
    {
        var hashes = new[]
        {
            AimClr3s, AimClr3s.WithMethodOption("nnm", "off"), AimClr3s.WithProtocolOption("labelled", "0.01"),
            AimClr3s with { Protocol = "semi" }, AimClr3s with { Split = "xview" }, AimClr3s with { FusionWeights = [1.0, 1.0, 1.0] },
            ExperimentSpec.Single("aimclr", SkeletonStream.Joint, "ntu60", "xsub", "linear"),
        }.Select(s => s.Hash);
        Assert.Equal(7, hashes.Distinct().Count());
    }

    [Fact]
    public void A_spec_survives_a_json_round_trip_with_its_hash()
    {
        var spec = AimClr3s.WithMethodOption("epochs", "100").WithProtocolOption("labelled", "0.1");
        var json = JsonSerializer.Serialize(spec, ResultStore.Json);
        Assert.Contains("\"joint\"", json);
        var back = JsonSerializer.Deserialize<ExperimentSpec>(json, ResultStore.Json)!;
        Assert.Equal(spec, back);
        Assert.Equal(spec.Hash, back.Hash);
    }

    [Fact]
    public void Three_stream_specs_need_one_pretraining_per_stream_with_the_same_switches()
    {
        var pretrains = AimClr3s.WithMethodOption("nnm", "off").Pretrains.ToList();
        Assert.Equal([SkeletonStream.Joint, SkeletonStream.Motion, SkeletonStream.Bone], pretrains.Select(p => p.Stream));
        Assert.All(pretrains, p => Assert.Equal("off", p.Option("nnm", "on")));
        Assert.Equal(3, pretrains.Select(p => p.Hash).Distinct().Count());
    }

    [Fact]
    public void Malformed_specs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => (AimClr3s with { FusionWeights = [0.5] }).Validate());
        Assert.Throws<ArgumentException>(() => (AimClr3s with { Streams = [] }).Validate());
        Assert.Throws<ArgumentException>(() => (AimClr3s with { Streams = [SkeletonStream.Joint, SkeletonStream.Joint, SkeletonStream.Bone] }).Validate());
        Assert.Throws<ArgumentException>(() => (AimClr3s with { Method = "" }).Validate());
    }
}
