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
}
