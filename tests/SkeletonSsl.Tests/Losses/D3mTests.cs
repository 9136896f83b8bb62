using SkeletonSsl.Losses;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Losses;

public sealed class D3mTests
{
    [Fact]
    public void Loss_is_the_cross_entropy_from_the_normal_distribution_to_the_extreme_one()
    {
        // p(·|ẑ) = softmax(ln 1, ln 2, ln 1) = (0.25, 0.5, 0.25); p(·|z̃) = softmax(ln 2, ln 1, ln 1) = (0.5, 0.25, 0.25)
        var target = log(tensor(new float[,] { { 1, 2, 1 } }));
        var extreme = log(tensor(new float[,] { { 2, 1, 1 } }));
        // −(0.25·ln 0.5 + 0.5·ln 0.25 + 0.25·ln 0.25) = 1.213008
        Assert.Equal(1.213008, D3m.Loss(target, extreme).item<float>(), 5);
    }

    [Fact]
    public void No_gradient_reaches_the_target_logits()
    {
        var target = tensor(new float[,] { { 0.3f, -0.2f, 1.0f } }).requires_grad_();
        var extreme = tensor(new float[,] { { 1.0f, 0.1f, -0.5f } }).requires_grad_();
        D3m.Loss(target, extreme).backward();
        Assert.True(target.grad is null || target.grad.abs().sum().item<float>() == 0);
        Assert.True(extreme.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Loss_is_smallest_when_both_distributions_agree()
    {
        var target = tensor(new float[,] { { 0.3f, -0.2f, 1.0f } });
        var same = D3m.Loss(target, target.clone()).item<float>();
        var other = D3m.Loss(target, tensor(new float[,] { { 1.0f, 0.1f, -0.5f } })).item<float>();
        Assert.True(same < other);
    }
}
