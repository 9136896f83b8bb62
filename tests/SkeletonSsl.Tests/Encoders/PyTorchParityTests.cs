using SkeletonSsl.Data.Formats;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Encoders;

/// <summary>
/// Parity with PyTorch: the fixtures in Fixtures/parity were written by tools/parity/make_reference.py
/// from small encoders built in PyTorch from the specs (see its README).
/// </summary>
public sealed class PyTorchParityTests
{
    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "parity", name);

    /// <summary>c0 = 4, hidden 16, projection 8; the script gives block 10 a projection residual even though 4·c0 = hidden.</summary>
    internal static StGcnConfig SmallStGcn => StGcnConfig.FromBaseWidth(4, 16) with
    {
        HeadOutput = 8,
        Residuals = [StGcnResidual.None, .. Enumerable.Repeat(StGcnResidual.Identity, 3), StGcnResidual.Projection, StGcnResidual.Identity,
            StGcnResidual.Identity, StGcnResidual.Projection, StGcnResidual.Identity, StGcnResidual.Projection],
    };

    [Fact]
    public void Safetensors_written_by_python_load_strictly_into_the_st_gcn()
    {
        using var model = new StGcnEncoder(SmallStGcn, new Generator(1));
        var report = StateDictLoader.LoadFile(model, Fixture("stgcn_small.safetensors"));
        Assert.True(report.IsComplete, report.Describe());
        Assert.Equal(model.state_dict().Count, report.Loaded.Count);
        Assert.Equal(7L, model.state_dict()["data_bn.num_batches_tracked"].item<long>());
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        float diff = (expected - actual).abs().max().item<float>();
        Assert.True(diff < 1e-4f, $"max abs difference {diff}");
    }

    [Theory]
    [InlineData("stgcn_small.pt", "")]
    [InlineData("stgcn_small_prefixed.pt", "encoder_q.")]
    [InlineData("stgcn_small.safetensors", "")]
    public void St_gcn_with_pytorch_weights_reproduces_pytorch_outputs(string file, string prefix)
    {
        using var scope = NewDisposeScope();
        using var model = new StGcnEncoder(SmallStGcn, new Generator(2));
        var report = StateDictLoader.LoadFile(model, Fixture(file), new StateDictLoadOptions { Prefix = prefix });
        Assert.True(report.IsComplete, report.Describe());
        model.eval();
        var x = Npy.ReadTensor(Fixture("stgcn_input.npy"));
        AssertClose(Npy.ReadTensor(Fixture("stgcn_features.npy")), model.Features(x));
        AssertClose(Npy.ReadTensor(Fixture("stgcn_projection.npy")), model.forward(x));
    }

    [Fact]
    public void Gru_encoder_from_a_ddp_pretraining_checkpoint_reproduces_pytorch_outputs()
    {
        using var scope = NewDisposeScope();
        using var model = new GruEncoder(GruEncoderConfig.Cmd with { Hidden = 8, HeadOutput = 6 }, new Generator(3));
        var report = StateDictLoader.LoadFile(model, Fixture("gru_small_ckpt.pt"), new StateDictLoadOptions { Prefix = "encoder_q." });
        Assert.True(report.IsComplete, report.Describe());
        model.eval();
        var x = Npy.ReadTensor(Fixture("gru_input.npy"));
        AssertClose(Npy.ReadTensor(Fixture("gru_features.npy")), model.Features(x));
        AssertClose(Npy.ReadTensor(Fixture("gru_projection.npy")), model.forward(x));
    }
}
