using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Splits;
using SkeletonSsl.Data.Synthetic;

namespace SkeletonSsl.Tests.Data.Splits;

public sealed class NtuBenchmarkTests
{
    [Fact]
    public void Ntu60_cross_subject_trains_on_the_20_listed_performers()
    {
        int[] train = [1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27, 28, 31, 34, 35, 38];
        for (int p = 1; p <= 40; p++)
            Assert.Equal(train.Contains(p), NtuBenchmark.Ntu60XSub.IsTrain(new NtuFileName(1, 1, p, 1, 1)));
    }

    [Fact]
    public void Ntu60_cross_view_tests_on_camera_1()
    {
        Assert.Equal("val", NtuBenchmark.Ntu60XView.PartOf(NtuFileName.Parse("S005C001P013R002A044")));
        Assert.Equal("train", NtuBenchmark.Ntu60XView.PartOf(NtuFileName.Parse("S005C002P013R002A044")));
        Assert.Equal("train", NtuBenchmark.Ntu60XView.PartOf(NtuFileName.Parse("S005C003P013R002A044")));
    }

    [Fact]
    public void Ntu120_cross_subject_has_53_training_ids_and_cross_setup_even_setups()
    {
        Assert.Equal(53, NtuBenchmark.Ntu120TrainSubjects.Count);
        Assert.Contains(103, NtuBenchmark.Ntu120TrainSubjects);
        Assert.DoesNotContain(106, NtuBenchmark.Ntu120TrainSubjects);
        Assert.Equal(53, Enumerable.Range(1, 106).Count(p => !NtuBenchmark.Ntu120XSub.IsTrain(new NtuFileName(1, 1, p, 1, 1))));
        for (int s = 1; s <= 32; s++)
            Assert.Equal(s % 2 == 0, NtuBenchmark.Ntu120XSet.IsTrain(new NtuFileName(s, 1, 1, 1, 1)));
    }

    [Fact]
    public void Synthetic_smoke_store_splits_follow_the_id_lists_with_the_expected_counts()
    {
        var store = PreparedStore.Open(SmokeStores.AimClr);
        var clips = new SyntheticNtuGenerator(SyntheticConfig.For(SyntheticSize.Smoke)).Clips.Where(c => !c.MissingSkeleton).ToArray();
        foreach (var benchmark in NtuBenchmark.For("ntu60"))
        {
            var split = store.Manifest.Split(benchmark.Name);
            foreach (string part in new[] { "train", "val" })
            {
                int expected = clips.Count(c => benchmark.PartOf(NtuFileName.Parse(c.Name)) == part);
                Assert.Equal(expected, split.Part(part).Count);
                using var data = store.Load(benchmark.Name, part);
                Assert.All(data.Names, n => Assert.Equal(part, benchmark.PartOf(NtuFileName.Parse(n))));
                Assert.Equal(data.Names.Select(n => (long)NtuFileName.Parse(n).Label), data.Labels);
            }
        }
    }
}
