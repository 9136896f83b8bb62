using SkeletonSsl.Evaluation;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class KnnTests
{
    [Fact]
    public void Weighted_and_majority_knn_are_near_perfect_on_separable_clips()
    {
        var (train, test) = SyntheticClips.Separable(40, 20, 5, noise: 0.5, seed: 1);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 64, seed: 2);
        var weighted = Knn.Evaluate(encoder, train, test, SkeletonStream.Joint, new KnnConfig { K = 20 }, CPU);
        var retrieval = Knn.Evaluate(encoder, train, test, SkeletonStream.Joint, KnnConfig.Retrieval, CPU);
        Assert.True(weighted.Top1 > 0.97, $"weighted top-1 {weighted.Top1}");
        Assert.True(retrieval.Top1 > 0.97, $"1-NN top-1 {retrieval.Top1}");
        Assert.Equal(100, retrieval.Count);
    }

    [Fact]
    public void Knn_is_near_chance_on_random_labels()
    {
        var (train, test) = SyntheticClips.RandomLabels(400, 400, 4, seed: 3);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 64, seed: 4);
        var result = Knn.Evaluate(encoder, train, test, SkeletonStream.Joint, new KnnConfig { K = 20 }, CPU);
        Assert.InRange(result.Top1, 0.15, 0.35);
    }

    [Fact]
    public void Weighted_votes_follow_exp_of_cosine_over_temperature()
    {
        // Query along x. Neighbours: class 0 at cosine 1.0, class 1 twice at cosine 0.8.
        using var train = tensor(new float[,] { { 1, 0 }, { 0.8f, 0.6f }, { 0.8f, -0.6f } });
        using var test = tensor(new float[,] { { 2, 0 } });
        long[] trainLabels = [0, 1, 1];
        // τ = 0.07: exp(1/τ) > 2 exp(0.8/τ), so class 0 wins; majority voting gives class 1 (two votes).
        var weighted = Knn.Classify(train, trainLabels, test, [0], 2, new KnnConfig { K = 3, Temperature = 0.07 });
        var majority = Knn.Classify(train, trainLabels, test, [0], 2, new KnnConfig { K = 3, Voting = KnnVoting.Majority });
        // τ = 1: exp(1) < 2 exp(0.8), so class 1 wins.
        var warm = Knn.Classify(train, trainLabels, test, [0], 2, new KnnConfig { K = 3, Temperature = 1.0 });
        Assert.Equal(0L, weighted.Predicted[0]);
        Assert.Equal(1L, majority.Predicted[0]);
        Assert.Equal(1L, warm.Predicted[0]);
    }

    [Fact]
    public void Majority_ties_go_to_the_more_similar_class_and_neighbours_are_ranked()
    {
        using var train = tensor(new float[,] { { 1, 0.1f }, { 0, 1 } });
        using var test = tensor(new float[,] { { 1, 0 } });
        var result = Knn.Classify(train, [1, 0], test, [1], 2, new KnnConfig { K = 2, Voting = KnnVoting.Majority });
        Assert.Equal(1L, result.Predicted[0]);
        var (idx, sim) = Knn.Neighbours(train, test, 2);
        Assert.Equal(new long[] { 0, 1 }, idx.data<long>().ToArray());
        Assert.True(sim[0, 0].item<float>() > sim[0, 1].item<float>());
    }
}
