using SkeletonSsl.Evaluation;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class MetricsTests
{
    [Fact]
    public void Top1_and_top2_count_hits_among_the_highest_scores()
    {
        using var scores = tensor(new float[,] { { 0.1f, 0.7f, 0.2f }, { 0.5f, 0.3f, 0.2f }, { 0.2f, 0.3f, 0.5f }, { 0.6f, 0.1f, 0.3f } });
        using var labels = tensor(new long[] { 1, 1, 0, 1 });
        Assert.Equal(0.25, Metrics.TopKAccuracy(scores, labels, 1), 12);   // only row 0
        Assert.Equal(0.5, Metrics.TopKAccuracy(scores, labels, 2), 12);    // rows 0 and 1
        Assert.Equal(1.0, Metrics.TopKAccuracy(scores, labels, 5), 12);    // k capped at C = 3
    }

    [Fact]
    public void Confusion_matrix_has_truth_in_rows_and_predictions_in_columns()
    {
        long[] truth = [0, 0, 1, 2, 2, 2];
        long[] predicted = [0, 1, 1, 2, 0, 2];
        var cm = Metrics.ConfusionMatrix(predicted, truth, 4);
        Assert.Equal(new long[] { 1, 1, 0, 0 }, cm[0]);
        Assert.Equal(new long[] { 0, 1, 0, 0 }, cm[1]);
        Assert.Equal(new long[] { 1, 0, 2, 0 }, cm[2]);
        Assert.Equal(new long[] { 0, 0, 0, 0 }, cm[3]);
        var perClass = Metrics.PerClassAccuracy(cm);
        Assert.Equal(0.5, perClass[0], 12);
        Assert.Equal(1.0, perClass[1], 12);
        Assert.Equal(2.0 / 3, perClass[2], 12);
        Assert.True(double.IsNaN(perClass[3]));
        Assert.Equal(4.0 / 6, Metrics.Accuracy(cm), 12);
    }

    [Fact]
    public void Confusion_matrix_of_named_scores_matches_by_name()
    {
        var scores = new Dictionary<string, float[]> { ["b"] = [0.2f, 0.8f], ["a"] = [0.9f, 0.1f], ["c"] = [0.6f, 0.4f] };
        var labels = new Dictionary<string, long> { ["a"] = 0, ["b"] = 1, ["c"] = 1 };
        var cm = Metrics.ConfusionMatrix(scores, labels, 2);
        Assert.Equal(new long[] { 1, 0 }, cm[0]);
        Assert.Equal(new long[] { 1, 1 }, cm[1]);
        Assert.Throws<ArgumentException>(() => Metrics.ConfusionMatrix(scores, new Dictionary<string, long> { ["z"] = 0 }, 2));
    }

    [Fact]
    public void Out_of_range_labels_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Metrics.ConfusionMatrix([0, 3], [0, 1], 3));
        using var scores = zeros(2, 3);
        using var labels = zeros(3, dtype: ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => Metrics.TopKAccuracy(scores, labels, 1));
    }
}
