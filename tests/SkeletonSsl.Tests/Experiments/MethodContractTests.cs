using SkeletonSsl.Data;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;
using SkeletonSsl.Tests.Data;
using SkeletonSsl.Training;
using SkeletonSsl.Training.Checkpoints;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Experiments;

/// <summary>
/// Contract theories over the catalog: every method's every preset (SkeletonCLR on ST-GCN and on the GRU, AimCLR, and
/// whatever is added) pre-trains on the Smoke synthetic set of its own pipeline with falling loss, fills and reloads its
/// run folder, resumes to the same result as an uninterrupted run, and its encoder feeds every protocol of the catalog.
/// A new catalog entry is covered with no new test code.
/// </summary>
[Collection(SkeletonSsl.Tests.Training.GlobalRngCollection.Name)]
public sealed class MethodContractTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skeletonssl-contract-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string, string> Presets()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in Catalog.Default.Methods.Values)
            foreach (var preset in method.Presets.Where(p => p.Pretrains))
                data.Add(method.Name, preset.Encoder.Kind);
        return data;
    }

    public static TheoryData<string, string> AllPresets()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in Catalog.Default.Methods.Values)
            foreach (var preset in method.Presets)
                data.Add(method.Name, preset.Encoder.Kind);
        return data;
    }

    private static SkeletonDataset Train(MethodConfig method) =>
        PreparedStore.Open(method.Pipeline == "cmd" ? SmokeStores.Cmd : SmokeStores.AimClr).Load("xsub", "train");

    private static PretrainConfig Smoke(string method, string encoder, int epochs) =>
        PretrainConfig.Of(Catalog.Default.Method(method).On(encoder), Profile.Smoke).WithEpochs(epochs);

    /// <summary>
    /// MoCo's loss rises while its queue fills with real keys, so the check compares the last epoch with the same run
    /// at a negligible learning rate (same init, data order, views and queue).
    /// </summary>
    [Theory]
    [MemberData(nameof(Presets))]
    public void Each_method_learns_on_the_smoke_set_its_loss_ends_below_the_same_run_without_learning(string method, string encoder)
    {
        NativeRuntime.EnsureInitialised();
        var config = Smoke(method, encoder, epochs: 4);
        config = config with { Method = config.Method with { Training = config.Training with { LrSteps = [4], CheckpointEvery = 4 } } };
        using var train = Train(config.Method);
        double LastLoss(PretrainConfig c, string name) => Pretraining.Run(c, train, Path.Combine(_root, name), device: CPU).Epochs[^1].Loss;
        var trained = LastLoss(config, "trained");
        var frozen = LastLoss(config with { Method = config.Method with { Training = config.Training with { LearningRate = 1e-6 } } }, "frozen");
        Assert.True(trained < frozen - 0.1, $"{method} on {encoder}: no learning: last-epoch loss {trained:F3} trained vs {frozen:F3} at lr 1e-6");
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Each_method_fills_its_run_folder_reloads_its_encoder_and_resumes_to_the_uninterrupted_result(string method, string encoder)
    {
        NativeRuntime.EnsureInitialised();
        var config = Smoke(method, encoder, epochs: 2);
        using var train = Train(config.Method);
        var whole = Path.Combine(_root, "whole");
        var result = Pretraining.Run(config, train, whole, device: CPU);
        foreach (var file in new[] { PretrainRunFolder.ConfigFile, PretrainRunFolder.InfoFile, MetricsLog.FileName, PretrainRunFolder.EncoderFile })
            Assert.True(File.Exists(Path.Combine(whole, file)), $"{file} missing");
        Assert.Equal("complete", PretrainRunFolder.ReadInfo(whole).Status);
        Assert.Equal(ConfigJson.Hash(config), ConfigJson.Hash(PretrainRunFolder.ReadConfig(whole)));

        var split = Path.Combine(_root, "split");
        Pretraining.Run(config.WithEpochs(1), train, split, device: CPU);
        var resumed = Pretraining.Run(config, train, split, resume: true, device: CPU);
        Assert.Equal([2], resumed.Epochs.Select(e => e.Epoch));
        Assert.Equal(result.Epochs[^1].Loss, resumed.Epochs[^1].Loss, 5);

        using var a = PretrainRunFolder.LoadEncoder(whole);
        using var b = PretrainRunFolder.LoadEncoder(split);
        using var fresh = config.Method.TrainedEncoder.Build();
        fresh.eval();
        var x = train.Data.narrow(0, 0, 4);
        using var ya = a.forward(x);
        Assert.Equal(4, ya.shape[0]);
        Assert.True(ya.allclose(b.forward(x), rtol: 1e-4, atol: 1e-5), "the resumed run's encoder differs from the uninterrupted one's");
        Assert.False(ya.allclose(fresh.forward(x)), "the saved encoder equals an untrained one");
    }

    [Theory]
    [MemberData(nameof(AllPresets))]
    public void Each_methods_encoder_feeds_every_protocol_of_the_catalog(string method, string encoder)
    {
        NativeRuntime.EnsureInitialised();
        var config = Catalog.Default.Method(method).On(encoder);
        var options = new RunnerOptions(Profile.Smoke, 0, "cpu", null, Path.Combine(_root, "runs"), SyntheticRoot: SmokeStores.Root);
        var builder = new TableBuilder("contract", "Contract", "p", "d", "notebooks/none.ipynb").Column("ntu60-xsub", "xsub", "ntu60", "xsub");
        foreach (var protocol in Catalog.Default.Protocols.Values)
        {
            var spec = ExperimentSpec.Single(config, SkeletonStream.Joint, "ntu60", "xsub", protocol.Name);
            if (protocol.Name == "semi") spec = spec.WithProtocolOption("labelled", "0.1");
            builder.Row(protocol.Name, protocol.Display, [null], _ => spec, metric: protocol.Metrics[0]);
        }
        var table = builder.Build();
        var store = new ResultStore(Path.Combine(_root, "results"));
        var run = new Runner(Catalog.Default, store, options).Run(table);
        Assert.Equal(Catalog.Default.Protocols.Count, run.Rows.Count);
        Assert.All(run.Rows, r => Assert.True(double.IsFinite(r.Value) && r.Value >= 0, $"{r.RowId}: {r.Value}"));
        var again = new Runner(Catalog.Default, store, options).Run(table);
        Assert.Equal(Catalog.Default.Protocols.Count, again.Reused.Count);
    }

    [Fact]
    public void Every_catalog_method_names_itself_as_its_entry_and_every_encoder_as_its_kind()
    {
        foreach (var m in Catalog.Default.Methods.Values)
        {
            Assert.All(m.Presets, p => Assert.Equal(m.Name, p.Name));
            Assert.All(m.Presets, p => Assert.True(m.Owns(p)));
            Assert.Equal(m.Presets.Count, m.Encoders.Distinct().Count());
            Assert.All(m.Presets, p => Assert.True(Catalog.Default.Encoders.ContainsKey(p.Encoder.Kind), $"{m.Name}: encoder {p.Encoder.Kind} is not in the catalog"));
        }
        Assert.All(Catalog.Default.Encoders, e => Assert.Equal(e.Key, e.Value.Default.Kind));
    }
}
