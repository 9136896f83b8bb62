using SkeletonSsl.Cli;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Tests.Encoders;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Cli;

[Collection(RedirectedConsoleCollection.Name)]
public sealed class ModelCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("model-cli-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliHarness.Run(args);

    private static float MaxDiff(string expected, string actual)
    {
        using var a = Npy.ReadTensor(expected);
        using var b = Npy.ReadTensor(actual);
        Assert.Equal(a.shape, b.shape);
        Assert.Equal(ScalarType.Float32, b.dtype);
        return (a - b).abs().max().item<float>();
    }

    [Fact]
    public void Embed_with_a_prefixed_torch_checkpoint_writes_pytorchs_projection()
    {
        string output = Path.Combine(_dir, "proj.npy");
        var (code, stdout, stderr) = Run("model", "embed", "--encoder", "stgcn", "--weights", PyTorchParityTests.Fixture("stgcn_small_prefixed.pt"),
            "--prefix", "encoder_q.", "--input", PyTorchParityTests.Fixture("stgcn_input.npy"), "--output", output, "--output-layer", "projection");
        Assert.True(code == 0, stderr);
        Assert.Contains("3×8", stdout);
        Assert.True(MaxDiff(PyTorchParityTests.Fixture("stgcn_projection.npy"), output) < 1e-4f);
    }

    [Fact]
    public void Embed_gru_features_from_a_ddp_checkpoint_in_small_batches()
    {
        string output = Path.Combine(_dir, "feat.npy");
        var (code, _, stderr) = Run("model", "embed", "--encoder", "gru", "--weights", PyTorchParityTests.Fixture("gru_small_ckpt.pt"),
            "--prefix", "encoder_q.", "--input", PyTorchParityTests.Fixture("gru_input.npy"), "--output", output, "--batch-size", "1");
        Assert.True(code == 0, stderr);
        Assert.True(MaxDiff(PyTorchParityTests.Fixture("gru_features.npy"), output) < 1e-4f);
    }

    [Fact]
    public void Embed_gru_accepts_the_flattened_150_value_layout()
    {
        string seqPath = Path.Combine(_dir, "seq.npy"), output = Path.Combine(_dir, "feat.npy");
        using (var x = Npy.ReadTensor(PyTorchParityTests.Fixture("gru_input.npy")))
        using (var seq = SkeletonSsl.Encoders.Gru.GruEncoder.ToSequence(x).contiguous())
            Npy.Write(seqPath, seq);
        var (code, _, stderr) = Run("model", "embed", "--encoder", "gru", "--weights", PyTorchParityTests.Fixture("gru_small_ckpt.pt"),
            "--prefix", "encoder_q.", "--input", seqPath, "--output", output);
        Assert.True(code == 0, stderr);
        Assert.True(MaxDiff(PyTorchParityTests.Fixture("gru_features.npy"), output) < 1e-4f);
    }

    [Fact]
    public void Embed_with_the_wrong_prefix_fails_with_one_line_naming_the_file()
    {
        var (code, _, stderr) = Run("model", "embed", "--encoder", "gru", "--weights", PyTorchParityTests.Fixture("gru_small_ckpt.pt"),
            "--input", PyTorchParityTests.Fixture("gru_input.npy"), "--output", Path.Combine(_dir, "x.npy"), "--prefix", "encoder_x.");
        Assert.Equal(CliRun.BadInput, code);
        Assert.Contains("gru_small_ckpt.pt", stderr);
        Assert.Contains("prefix", stderr);
    }

    [Fact]
    public void Summary_lists_layers_and_the_spec_total()
    {
        var (code, stdout, stderr) = Run("model", "summary", "--encoder", "stgcn");
        Assert.True(code == 0, stderr);
        Assert.Contains("st_gcn_networks.9", stdout);
        Assert.Contains("920,068", stdout);
    }
}
