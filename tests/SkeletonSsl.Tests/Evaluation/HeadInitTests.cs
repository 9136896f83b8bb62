using SkeletonSsl.Evaluation;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class HeadInitTests
{
    [Fact]
    public void Reference_head_draws_weights_from_N_0_0_02_and_zero_biases()
    {
        using var scope = NewDisposeScope();
        using var head = (TorchSharp.Modules.Linear)ClassifierHead.Create(256, 400, HeadInit.Normal002, new Generator(11), CPU);
        var w = head.weight!.detach();
        Assert.Equal([400L, 256], w.shape);
        // 102 400 draws: the standard errors of the mean and of the std are ≈ 6e-5 and 4e-5.
        Assert.InRange(w.mean().item<float>(), -5e-4f, 5e-4f);
        Assert.InRange(w.std().item<float>(), 0.0197f, 0.0203f);
        Assert.Equal(0f, head.bias!.abs().max().item<float>());
    }

    [Fact]
    public void Heads_are_drawn_from_the_generator_passed_in()
    {
        using var scope = NewDisposeScope();
        foreach (var init in new[] { HeadInit.Normal002, HeadInit.Normal001, HeadInit.PyTorchDefault })
        {
            using var a = (TorchSharp.Modules.Linear)ClassifierHead.Create(16, 5, init, new Generator(12), CPU);
            using var b = (TorchSharp.Modules.Linear)ClassifierHead.Create(16, 5, init, new Generator(12), CPU);
            using var c = (TorchSharp.Modules.Linear)ClassifierHead.Create(16, 5, init, new Generator(13), CPU);
            Assert.True(a.weight!.allclose(b.weight!, 0, 0), $"{init}: same seed, different weights");
            Assert.False(a.weight!.allclose(c.weight!, 0, 0), $"{init}: different seeds, same weights");
        }
    }

    [Fact]
    public void PyTorch_default_stays_available_as_uniform_within_one_over_root_fan_in()
    {
        using var scope = NewDisposeScope();
        using var head = (TorchSharp.Modules.Linear)ClassifierHead.Create(64, 300, HeadInit.PyTorchDefault, new Generator(14), CPU);
        Assert.True(head.weight!.abs().max().item<float>() <= 1f / 8);
        Assert.InRange(head.weight!.std().item<float>(), 0.95f / 8 / MathF.Sqrt(3), 1.05f / 8 / MathF.Sqrt(3));   // U(±b): std b/√3
        Assert.True(head.bias!.abs().max().item<float>() > 0);
    }

    [Fact]
    public void AimClr_recipes_start_their_classifier_from_the_reference_init_and_CMD_keeps_its_own()
    {
        Assert.Equal(HeadInit.Normal002, LinearProbeConfig.AimClr.HeadInit);
        Assert.Equal(HeadInit.Normal002, FineTuneConfig.SkeleMixClrRecon.HeadInit);
        Assert.Equal(HeadInit.Normal002, FineTuneConfig.Supervised.HeadInit);
        Assert.Equal(HeadInit.Normal002, SemiSupervisedConfig.AimClr(0.01).Training.HeadInit);
        Assert.Equal(HeadInit.Normal001, LinearProbeConfig.Cmd.HeadInit);
        Assert.Equal(HeadInit.Normal001, FineTuneConfig.Cmd.HeadInit);
        Assert.Equal(HeadInit.Normal001, SemiSupervisedConfig.Cmd(0.01).Training.HeadInit);
    }
}
