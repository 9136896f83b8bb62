using SkeletonSsl.Losses;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Losses;

public sealed class NearestNeighbourMiningTests
{
    // Three queries over a queue of 3: top-1 neighbours are entries 1, 0 and 1 again (a duplicate).
    private static Tensor[] Similarities() =>
    [
        tensor(new float[,] { { 0.1f, 0.9f, 0.2f } }),
        tensor(new float[,] { { 0.8f, 0.1f, 0.3f } }),
        tensor(new float[,] { { 0.1f, 0.95f, 0.0f } }),
    ];

    // softmax(ln 1, ln 2, ln 3, ln 4) = (0.1, 0.2, 0.3, 0.4)
    private static Tensor Logits() => log(tensor(new float[,] { { 1, 2, 3, 4 } }));

    [Fact]
    public void Positive_set_is_the_key_plus_the_union_of_the_three_queries_top1_neighbours()
    {
        var mask = NearestNeighbourMining.PositiveMask(Similarities(), topK: 1);
        Assert.Equal(new[] { true, true, true, false }, mask.data<bool>().ToArray());
    }

    [Fact]
    public void Paper_form_is_minus_log_of_the_summed_positive_probability()
    {
        var mask = NearestNeighbourMining.PositiveMask(Similarities(), topK: 1);
        // Eq. 9: −ln(0.1 + 0.2 + 0.3) = 0.510826
        Assert.Equal(0.510826, NearestNeighbourMining.Loss(Logits(), mask).item<float>(), 5);
    }

    [Fact]
    public void Code_form_is_the_mean_of_the_positive_log_probabilities()
    {
        var mask = NearestNeighbourMining.PositiveMask(Similarities(), topK: 1);
        // −(ln 0.1 + ln 0.2 + ln 0.3) / 3 = 1.705332
        Assert.Equal(1.705332, NearestNeighbourMining.Loss(Logits(), mask, NnmLossForm.MeanOfLogProbabilities).item<float>(), 5);
    }

    [Theory]
    [InlineData(NnmLossForm.LogOfSummedProbability)]
    [InlineData(NnmLossForm.MeanOfLogProbabilities)]
    public void With_only_the_key_as_positive_both_forms_equal_InfoNce(NnmLossForm form)
    {
        var logits = tensor(new float[,] { { 0.5f, 1.5f, -0.3f, 0.2f }, { 2.0f, 0.1f, 0.4f, -1.0f } });
        var keyOnly = zeros(2, 4, dtype: ScalarType.Bool);
        keyOnly[.., 0] = tensor(true);
        Assert.Equal(InfoNce.Loss(logits).item<float>(), NearestNeighbourMining.Loss(logits, keyOnly, form).item<float>(), 5);
    }

    [Fact]
    public void Top2_adds_two_neighbours_per_query()
    {
        var mask = NearestNeighbourMining.PositiveMask([tensor(new float[,] { { 0.1f, 0.9f, 0.5f, 0.0f } })], topK: 2);
        Assert.Equal(new[] { true, false, true, true, false }, mask.data<bool>().ToArray());
    }
}
