using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class SemiSupervisedTests
{
    [Fact]
    public void Per_class_selection_takes_round_half_even_of_each_class_sorted_and_distinct()
    {
        // Class sizes 25, 35, 10, 4: at 10 % → round(2.5)=2, round(3.5)=4, round(1.0)=1, round(0.4)=0.
        var labels = Enumerable.Repeat(2L, 10).Concat(Enumerable.Repeat(0L, 25)).Concat(Enumerable.Repeat(1L, 35)).Concat(Enumerable.Repeat(3L, 4)).ToArray();
        var picked = SemiSupervised.Select(labels, 0.1, SemiSupervisedSelection.PerClass, new Random(0));
        var counts = picked.GroupBy(i => labels[i]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, counts[0]);
        Assert.Equal(4, counts[1]);
        Assert.Equal(1, counts[2]);
        Assert.False(counts.ContainsKey(3));
        Assert.Equal(picked.Order(), picked);
        Assert.Equal(picked.Length, picked.Distinct().Count());
        Assert.Equal(picked, SemiSupervised.Select(labels, 0.1, SemiSupervisedSelection.PerClass, new Random(0)));
        Assert.NotEqual(picked, SemiSupervised.Select(labels, 0.1, SemiSupervisedSelection.PerClass, new Random(1)));
    }

    [Fact]
    public void Reduced_profiles_keep_at_least_one_clip_per_class_and_the_paper_profile_keeps_the_reference_rule()
    {
        long[] labels = [.. Enumerable.Range(0, 40).Select(i => (long)(i % 4))];          // 4 classes of 10 clips
        Assert.Empty(SemiSupervised.Select(labels, 0.01, SemiSupervisedSelection.PerClass, new Random(0)));
        var reduced = SemiSupervisedConfig.AimClr(0.01).For(Profile.Smoke);
        var chosen = SemiSupervised.Select(labels, reduced.Fraction, reduced.Selection, new Random(0), reduced.MinPerClass);
        Assert.Equal([0L, 1, 2, 3], chosen.Select(i => labels[i]).Order());
        Assert.Equal(0, SemiSupervisedConfig.AimClr(0.01).For(Profile.Paper).MinPerClass);
    }

    [Fact]
    public void Random_selection_takes_the_truncated_fraction_of_the_whole_split()
    {
        var labels = Enumerable.Range(0, 1005).Select(i => (long)(i % 7)).ToArray();
        var picked = SemiSupervised.Select(labels, 0.01, SemiSupervisedSelection.Random, new Random(5));
        Assert.Equal(10, picked.Length);   // int(10.05)
        Assert.Equal(picked.Length, picked.Distinct().Count());
        Assert.All(picked, i => Assert.InRange(i, 0, 1004));
    }

    [Fact]
    public void Semi_supervised_fine_tuning_on_10_percent_of_separable_clips_is_near_perfect()
    {
        var (train, test) = SyntheticClips.Separable(50, 20, 4, noise: 0.5, seed: 41);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 32, seed: 42);
        var config = SemiSupervisedConfig.AimClr(0.1).For(Profile.Smoke);
        var result = SemiSupervised.Run(encoder, train, test, SkeletonStream.Joint, config, new Generator(43), CPU);
        Assert.Equal(20, result.TrainCount);   // 5 of 50 per class
        Assert.True(result.Top1 > 0.9, $"top-1 {result.Top1}");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
        Assert.Equal(2.0, config.Training.GradientClipNorm);
    }

    [Fact]
    public void A_fraction_outside_the_unit_interval_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SemiSupervised.Select([0, 1], 0, SemiSupervisedSelection.PerClass, new Random(0)));
        Assert.Throws<ArgumentException>(() => SemiSupervised.Select([0, 1], 1.5, SemiSupervisedSelection.Random, new Random(0)));
    }
}
