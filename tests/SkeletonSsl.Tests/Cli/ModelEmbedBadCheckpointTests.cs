using SkeletonSsl.Training;
using SkeletonSsl.Training.Checkpoints;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Cli;

/// <summary>A checkpoint whose shapes do not describe an encoder is the checkpoint's error: exit 2, one line naming it.</summary>
[Collection(RedirectedConsoleCollection.Name)]
public sealed class ModelEmbedBadCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("model-embed-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("stgcn", "st_gcn_networks.0.tcn.2.weight")]
    [InlineData("gru", "encoder.gru.weight_hh_l0")]
    public void Shape_inference_from_a_malformed_checkpoint_names_the_file_and_the_key(string encoder, string key)
    {
        NativeRuntime.EnsureInitialised();
        string weights = Path.Combine(_dir, "odd.safetensors");
        using var flat = zeros(0);
        using var ih = zeros(3, 4);
        SafeTensors.Write(weights, [new(key, flat), new("encoder.gru.weight_ih_l0", ih)]);
        var (code, _, stderr) = CliHarness.Run("model", "embed", "--encoder", encoder, "--weights", weights,
            "--input", Path.Combine(_dir, "x.npy"), "--output", Path.Combine(_dir, "y.npy"));
        Assert.Equal(2, code);
        Assert.Contains("odd.safetensors", stderr);
        Assert.Contains(key, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
