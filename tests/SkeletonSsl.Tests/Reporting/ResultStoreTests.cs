using SkeletonSsl.Data;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Evaluation;

namespace SkeletonSsl.Tests.Reporting;

public sealed class ResultStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skeletonssl-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ExperimentRecord Record(int seed = 0)
    {
        var spec = ExperimentSpec.ThreeStream(AimClrConfig.Paper with { MiningEpoch = SkeletonSsl.Methods.AimClrSettings.Never }, "ntu60", "xsub", "knn");
        return new ExperimentRecord(spec, spec.Hash, Profile.Smoke, seed, DataKind.Synthetic,
            new Dictionary<string, double> { ["top1"] = 41.25 },
            [new CurveData("KNN", "k", "top-1", [new CurveSeries("aimclr", [1, 5], [40, 41.25])])],
            [new CurveSeries("aimclr joint", [1], [2.5])],
            new Provenance("0123456789012345678901234567890123456789", "cpu", "0.107.0", DateTimeOffset.UnixEpoch), 3.5);
    }

    [Fact]
    public void A_saved_record_loads_back_equal_under_its_key()
    {
        var store = new ResultStore(_dir);
        var record = Record();
        store.Save(record);
        var back = store.TryLoad(record.Key)!;
        Assert.Equal(record.Spec, back.Spec);
        Assert.Equal(41.25, back.Metrics["top1"]);
        var curve = Assert.IsType<CurveData>(Assert.Single(back.Figures));
        Assert.Equal([40, 41.25], curve.Series[0].Y);
        Assert.Equal(record.Provenance, back.Provenance);
        Assert.Null(store.TryLoad(Record(seed: 1).Key));
        Assert.Single(store.All());
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*", SearchOption.AllDirectories));
        Assert.EndsWith(Path.Combine("smoke", "synthetic", $"{record.Spec.Hash}-seed0.json"), store.PathOf(record.Key));
    }

    [Fact]
    public void A_corrupt_or_mismatched_file_is_a_data_format_error_naming_the_file()
    {
        var store = new ResultStore(_dir);
        var record = Record();
        store.Save(record);
        var path = store.PathOf(record.Key);
        File.WriteAllText(path, "{ \"spec\": ");
        Assert.Contains(path, Assert.Throws<DataFormatException>(() => store.TryLoad(record.Key)).Message);

        store.Save(Record(seed: 1));
        File.Copy(store.PathOf(Record(seed: 1).Key), path, overwrite: true);
        Assert.Contains("seed 0", Assert.Throws<DataFormatException>(() => store.TryLoad(record.Key)).Message);
    }
}
