using SkeletonSsl.Data;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Tests.Encoders;
using SkeletonSsl.Training.Checkpoints;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Training.Checkpoints;

public sealed class EncoderWeightsTests
{
    private const string Marker = "st_gcn_networks.0.tcn.2.weight";

    [Theory]
    [InlineData("", new[] { Marker, "fc.weight" })]
    [InlineData("encoder_q.", new[] { "encoder_k." + Marker, "encoder_q." + Marker, "queue" })]
    [InlineData("backbone.", new[] { "backbone." + Marker, "head.weight" })]
    public void The_prefix_is_the_bare_encoders_then_the_query_encoders_then_the_only_one(string expected, string[] keys) =>
        Assert.Equal(expected, EncoderWeights.DetectPrefix(keys, "stgcn"));

    [Fact]
    public void Two_encoders_neither_the_query_one_are_refused_and_none_is_null()
    {
        var e = Assert.Throws<ArgumentException>(() => EncoderWeights.DetectPrefix(["a." + Marker, "b." + Marker], "stgcn"));
        Assert.Contains("a., b.", e.Message);
        Assert.Null(EncoderWeights.DetectPrefix(["encoder.gru.weight_hh_l0"], "stgcn"));
    }

    [Fact]
    public void A_ddp_gru_checkpoint_reads_as_its_query_encoder_and_each_copy_is_fresh()
    {
        using var weights = EncoderWeights.Read(PyTorchParityTests.Fixture("gru_small_ckpt.pt"));
        Assert.Equal("gru", weights.Architecture);
        Assert.Equal(EncoderWeights.QueryPrefix, weights.Prefix);
        Assert.True(weights.HasHead);
        using var a = weights.Create();
        using var b = weights.Create();
        Assert.NotSame(a, b);
        using var x = SkeletonSsl.Data.Formats.Npy.ReadTensor(PyTorchParityTests.Fixture("gru_input.npy"));
        using var expected = SkeletonSsl.Data.Formats.Npy.ReadTensor(PyTorchParityTests.Fixture("gru_features.npy"));
        using (no_grad())
        {
            using var features = a.Features(x);
            Assert.True(features.allclose(expected, atol: 1e-4));
        }
        Assert.IsType<GruEncoder>(a);
    }

    [Fact]
    public void A_file_with_no_encoder_is_a_format_error_naming_it()
    {
        using var dir = new TempDir();
        using var t = zeros(2, 2);
        SafeTensors.Write(dir.File("other.safetensors"), [KeyValuePair.Create("layer.weight", t)]);
        var e = Assert.Throws<DataFormatException>(() => EncoderWeights.Read(dir.File("other.safetensors")));
        Assert.Contains("other.safetensors", e.Message);
        Assert.Contains("layer.weight", e.Message);
    }
}
