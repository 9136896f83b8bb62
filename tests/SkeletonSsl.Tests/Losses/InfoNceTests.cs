using SkeletonSsl.Losses;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Losses;

public sealed class InfoNceTests
{
    // q1 = (1, 0), k1 = (0.6, 0.8); q2 = (0, 1), k2 = (0, 1); queue columns m1 = (1, 0), m2 = (0, 1); τ = 0.5.
    private static (Tensor Q, Tensor K, Tensor Queue) Tiny() =>
        (tensor(new float[,] { { 1, 0 }, { 0, 1 } }), tensor(new float[,] { { 0.6f, 0.8f }, { 0, 1 } }), tensor(new float[,] { { 1, 0 }, { 0, 1 } }));

    [Fact]
    public void Logits_put_the_key_first_then_the_queue_over_temperature()
    {
        var (q, k, queue) = Tiny();
        var z = InfoNce.Logits(q, k, queue, 0.5);
        // row 1: [0.6, 1, 0] / 0.5; row 2: [1, 0, 1] / 0.5
        Assert.Equal(new float[] { 1.2f, 2f, 0f, 2f, 0f, 2f }, z.data<float>().ToArray(), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Loss_matches_the_hand_computed_cross_entropy_with_class_zero()
    {
        var (q, k, queue) = Tiny();
        var loss = InfoNce.Loss(InfoNce.Logits(q, k, queue, 0.5)).item<float>();
        // row 1: −log(e^1.2 / (e^1.2 + e^2 + e^0)) = −log(3.320117 / 11.709173) = 1.260373
        // row 2: −log(e^2 / (e^2 + e^0 + e^2)) = −log(7.389056 / 15.778112) = 0.758624
        Assert.Equal((1.260373 + 0.758624) / 2, loss, 4);
    }
}

internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
    public int GetHashCode(float x) => 0;
}
