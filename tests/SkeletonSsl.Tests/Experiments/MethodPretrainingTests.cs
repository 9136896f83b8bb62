using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Experiments;

public sealed class MethodPretrainingTests
{
    private static PretrainSpec Spec(string method, params (string Key, string Value)[] options) =>
        new(method, SkeletonStream.Joint, "ntu60", "xsub",
            System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(options.Select(o => KeyValuePair.Create(o.Key, o.Value))));

    [Fact]
    public void Table1_switches_map_onto_the_method_config()
    {
        var paper = MethodPretraining.Config(Spec("aimclr"), Profile.Paper);
        Assert.True(paper.AimClr.DropBranch);
        Assert.Equal(150, paper.AimClr.MiningEpoch);
        Assert.False(MethodPretraining.Config(Spec("aimclr", ("eadm", "off")), Profile.Paper).AimClr.DropBranch);
        Assert.Equal(int.MaxValue, MethodPretraining.Config(Spec("aimclr", ("nnm", "off")), Profile.Paper).AimClr.MiningEpoch);
        Assert.Equal(0, MethodPretraining.Config(Spec("aimclr", ("d3m", "off")), Profile.Paper).AimClr.D3mWeight);
        var extreme = MethodPretraining.Config(Spec("skeletonclr", ("augmentation", "extreme")), Profile.Paper);
        Assert.Equal(paper.AimClr.ExtremeAugmentation, extreme.NormalAugmentation);
        Assert.Equal("skeletonclr", extreme.Method);
    }

    [Fact]
    public void Epoch_switches_are_paper_epochs_scaled_to_the_profile()
    {
        Assert.Equal(100, MethodPretraining.Config(Spec("aimclr", ("epochs", "100")), Profile.Paper).Training.Epochs);
        var quick = PretrainPresets.Create("aimclr", Profile.Quick).Training.Epochs;
        Assert.Equal((int)Math.Round(quick * 100.0 / 300), MethodPretraining.Config(Spec("aimclr", ("epochs", "100")), Profile.Quick).Training.Epochs);
        Assert.Throws<ArgumentException>(() => MethodPretraining.Config(Spec("aimclr", ("epochs", "-3")), Profile.Paper));
        Assert.Throws<ArgumentException>(() => MethodPretraining.Config(Spec("aimclr", ("eadm", "maybe")), Profile.Paper));
    }

    [Theory]
    [MemberData(nameof(Tables.AimClrTableTests.TableIds), MemberType = typeof(Tables.AimClrTableTests))]
    public void Every_pretraining_a_table_needs_has_a_valid_config_under_every_profile(string id)
    {
        var pretrains = Catalog.Default.Table(id).Experiments.Where(s => s.Method != "random-init").SelectMany(s => s.Pretrains).Distinct();
        foreach (var p in pretrains)
        foreach (var profile in Enum.GetValues<Profile>())
            Assert.Equal(p.Method, MethodPretraining.Config(p, profile).Method);
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public void AimClr_pretrains_evaluates_and_is_reused_end_to_end_on_the_smoke_set()
    {
        NativeRuntime.EnsureInitialised();
        var dir = Directory.CreateTempSubdirectory("skeletonssl-e2e-").FullName;
        try
        {
            var table = new TableBuilder("e2e", "End to end", "p", "d", "notebooks/AimCLR/E2e.ipynb")
                .Column("ntu60-xsub", "xsub", "ntu60", "xsub")
                .Row("aimclr", "AimCLR", [74.3], c => ExperimentSpec.Single("aimclr", SkeletonStream.Joint, "ntu60", "xsub", "knn"))
                .Build();
            var options = new RunnerOptions(Profile.Smoke, 0, "cpu", null, Path.Combine(dir, "runs"), SyntheticRoot: Path.Combine(dir, "data"));
            var store = new SkeletonSsl.Reporting.ResultStore(Path.Combine(dir, "results"));
            var run = new Runner(Catalog.Default, store, options).Run(table);
            var row = Assert.Single(run.Rows);
            Assert.InRange(row.Value, 0, 100);
            var record = store.TryLoad(new ExperimentKey(table.Rows[0].Cells[0].Spec!, Profile.Smoke, 0, DataKind.Synthetic))!;
            Assert.Equal(PretrainPresets.Create("aimclr", Profile.Smoke).Training.Epochs, record.LossCurves[0].Y.Count);
            Assert.All(record.LossCurves[0].Y, l => Assert.True(double.IsFinite(l)));
            var again = new Runner(Catalog.Default, store, options).Run(table);
            Assert.Single(again.Reused);
            Assert.Equal(row.Value, Assert.Single(again.Rows).Value);
        }
        finally { Directory.Delete(dir, true); }
    }
}
