using System.Text.Json.Nodes;
using SkeletonSsl.Cli;
using SkeletonSsl.Cli.Commands;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Tests.Encoders;
using SkeletonSsl.Training;
using SkeletonSsl.Training.Checkpoints;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Cli;

/// <summary>
/// <c>eval</c>: a safetensors file, a torch.save checkpoint whose encoder sits under <c>encoder_q.</c>, and a
/// pretrain run folder, evaluated on a tiny store; the metrics in result.json must be what the protocol gives
/// when the same encoder is evaluated in-process, and the provenance must name the files' hashes.
/// </summary>
[Collection(RedirectedConsoleCollection.Name)]
public sealed class EvalCommandTests : IDisposable
{
    private const int Seed = 3;
    private readonly TempDir _dir = new();

    public EvalCommandTests() => NativeRuntime.EnsureInitialised();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Protocols => ["linear", "knn", "occlusion"];

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_safetensors_file_gets_the_metrics_of_evaluating_that_encoder_in_process(string protocol)
    {
        string store = Store();
        string weights = _dir.File("encoder.safetensors");
        using (var encoder = new StGcnEncoder(StGcnConfig.FromBaseWidth(4, 16), new Generator(11)))
            SafeTensors.Save(encoder, weights);

        var result = Eval(protocol, weights, store, "--stream", "bone");

        var expected = InProcess(protocol, () => Loaded(weights, StGcnConfig.FromBaseWidth(4, 16)), store, SkeletonStream.Bone);
        AssertMetrics(expected, result);
        Assert.Equal("safetensors", (string)result["weights"]!["kind"]!);
        Assert.Equal("", (string)result["weights"]!["prefix"]!);
        Assert.Equal(PreparedStoreWriter.Sha256(weights), (string)result["weights"]!["sha256"]!);
        Assert.Equal("bone", (string)result["stream"]!);
        Assert.Equal(PreparedStore.Open(store).Manifest.ContentHash, (string)result["data"]!["content_hash"]!);
        Assert.Equal(Seed, (int)result["seed"]!);
        Assert.Equal("smoke", (string)result["profile"]!);
        Assert.Equal("cpu", (string)result["provenance"]!["device"]!);
        Assert.False(string.IsNullOrEmpty((string?)result["provenance"]!["commit"]));
        Assert.NotNull(result["protocol_config"]);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_torch_checkpoint_under_encoder_q_is_found_without_a_prefix(string protocol)
    {
        // The same random weights, once as a bare safetensors state dict and once torch.save'd under encoder_q.
        string store = Store();
        var result = Eval(protocol, PyTorchParityTests.Fixture("stgcn_small_prefixed.pt"), store);

        var config = EncoderCheckpointShapes.InferStGcn(SafeTensors.Read(PyTorchParityTests.Fixture("stgcn_small.safetensors")).Tensors);
        var expected = InProcess(protocol, () => Loaded(PyTorchParityTests.Fixture("stgcn_small.safetensors"), config), store, SkeletonStream.Joint);
        AssertMetrics(expected, result);
        Assert.Equal("pytorch", (string)result["weights"]!["kind"]!);
        Assert.Equal(EncoderWeights.QueryPrefix, (string)result["weights"]!["prefix"]!);
        Assert.Equal(PreparedStoreWriter.Sha256(PyTorchParityTests.Fixture("stgcn_small_prefixed.pt")), (string)result["weights"]!["sha256"]!);
    }

    [Fact]
    public void A_whole_pretraining_checkpoint_gives_its_query_encoder_not_the_momentum_one()
    {
        string store = Store();
        var config = StGcnConfig.FromBaseWidth(4, 16);
        using var query = new StGcnEncoder(config, new Generator(1));
        using var key = new StGcnEncoder(config, new Generator(2));
        using var queue = randn(16, 8);
        string whole = _dir.File("whole.safetensors");
        SafeTensors.Write(whole, [
            .. query.state_dict().Select(kv => KeyValuePair.Create("encoder_k." + kv.Key, key.state_dict()[kv.Key])),
            .. query.state_dict().Select(kv => KeyValuePair.Create("encoder_q." + kv.Key, kv.Value)),
            KeyValuePair.Create("queue", queue)]);
        string bare = _dir.File("query.safetensors");
        SafeTensors.Save(query, bare);

        var result = Eval("knn", whole, store);

        AssertMetrics(InProcess("knn", () => Loaded(bare, config), store, SkeletonStream.Joint), result);
        Assert.Equal(EncoderWeights.QueryPrefix, (string)result["weights"]!["prefix"]!);
    }

    [Fact]
    public void A_pretrain_run_folder_is_evaluated_on_its_own_stream()
    {
        string store = Store();
        string run = _dir.File("run");
        var (code, _, err) = CliHarness.Run("pretrain", "--method", "skeletonclr", "--data", store, "--split", "xsub", "--stream", "motion",
            "--profile", "smoke", "--epochs", "1", "--out", run, "--device", "cpu");
        Assert.True(code == 0, err);

        var result = Eval("knn", run, store);

        AssertMetrics(InProcess("knn", () => PretrainRunFolder.LoadEncoder(run), store, SkeletonStream.Motion), result);
        Assert.Equal("run-folder", (string)result["weights"]!["kind"]!);
        Assert.Equal("motion", (string)result["stream"]!);
        Assert.Equal(PreparedStoreWriter.Sha256(Path.Combine(run, PretrainRunFolder.EncoderFile)), (string)result["weights"]!["sha256"]!);

        var (again, _, stderr) = CliHarness.Run(Args("knn", run, store, "--stream", "joint"));
        Assert.Equal(CliRun.BadInput, again);
        Assert.Contains("motion", stderr);
    }

    [Fact]
    public void Random_init_of_a_run_folder_evaluates_its_architecture_freshly_initialised_on_its_stream()
    {
        string store = Store();
        string run = _dir.File("run");
        var (code, _, err) = CliHarness.Run("pretrain", "--method", "skeletonclr", "--data", store, "--split", "xsub", "--stream", "bone",
            "--profile", "smoke", "--epochs", "1", "--out", run, "--device", "cpu");
        Assert.True(code == 0, err);

        var result = Eval("knn", run, store, "--random-init");

        var architecture = PretrainRunFolder.ReadConfig(run).Method.TrainedEncoder;
        var expected = InProcess("knn", () =>
        {
            using var generator = new Generator(Seed);
            var e = architecture.Build(generator);
            e.eval();
            return e;
        }, store, SkeletonStream.Bone);
        AssertMetrics(expected, result);
        var trained = InProcess("knn", () => PretrainRunFolder.LoadEncoder(run), store, SkeletonStream.Bone);
        Assert.NotEqual(trained, expected);                                   // not the run's trained weights
        Assert.Equal("random-init", (string)result["weights"]!["kind"]!);
        Assert.Equal(Path.GetFullPath(run), (string)result["weights"]!["architecture_of"]!);
        Assert.Equal("bone", (string)result["stream"]!);

        var (again, _, stderr) = CliHarness.Run(Args("knn", PyTorchParityTests.Fixture("stgcn_small.safetensors"), store, "--random-init"));
        Assert.Equal(CliRun.BadInput, again);
        Assert.Contains("--random-init", stderr);
    }

    [Fact]
    public void The_summary_names_the_metrics_and_the_result_file_and_a_second_run_replaces_it()
    {
        string store = Store();
        var (code, stdout, err) = CliHarness.Run(Args("knn", PyTorchParityTests.Fixture("stgcn_small.safetensors"), store));
        Assert.True(code == 0, err);
        Assert.Contains("KNN evaluation", stdout);
        Assert.Contains("top1 ", stdout);
        Assert.Contains(Path.Combine(_dir.File("out"), EvalCommand.ResultFile), stdout);
        Assert.Equal(0, CliHarness.Run(Args("knn", PyTorchParityTests.Fixture("stgcn_small.safetensors"), store)).Code);
        Assert.True(EvalCommand.IsResultFolder(_dir.File("out")));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Random_init_evaluates_the_catalogs_seeded_random_encoder_at_the_profiles_size(string protocol)
    {
        string store = Store();

        var result = Eval(protocol, EvalCommand.RandomInit, store, "--encoder", "stgcn");

        var encoder = RandomInitConfig.Paper.For(Profile.Smoke).TrainedEncoder;
        var expected = InProcess(protocol, () =>
        {
            using var generator = new Generator(Seed);
            var e = encoder.Build(generator);
            e.eval();
            return e;
        }, store, SkeletonStream.Joint);
        AssertMetrics(expected, result);
        Assert.Equal("random-init", (string)result["weights"]!["kind"]!);
        Assert.Equal("stgcn", (string)result["weights"]!["encoder"]!);
        Assert.Equal(Seed, (int)result["weights"]!["init_seed"]!);
        Assert.Null(result["weights"]!["sha256"]);
    }

    public static TheoryData<string> ErrorCases =>
        ["unknown-protocol", "weights-mismatch", "missing-split", "semi-without-labelled", "labelled-elsewhere", "user-folder", "not-a-run-folder", "random-init-without-encoder", "frozen-elsewhere"];

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void A_user_error_exits_2_with_one_line_naming_the_field_or_file(string name)
    {
        string store = Store();
        string weights = PyTorchParityTests.Fixture("stgcn_small.safetensors");
        var (args, names) = name switch
        {
            "unknown-protocol" => (Args("linear-probe", weights, store), "--protocol"),
            "weights-mismatch" => (Args("knn", Mismatched(), store), "st_gcn_networks.1.gcn.conv.bias"),
            "missing-split" => (Args("knn", weights, store, "--split", "xset"), "xset"),
            "semi-without-labelled" => (Args("semi", weights, store), "--labelled"),
            "labelled-elsewhere" => (Args("linear", weights, store, "--labelled", "0.1"), "--labelled"),
            "user-folder" => (Args("knn", weights, store), UserFolder()),
            "not-a-run-folder" => (Args("knn", _dir.Path, store), "config.json"),
            "random-init-without-encoder" => (Args("knn", EvalCommand.RandomInit, store), "--encoder"),
            "frozen-elsewhere" => (Args("linear", weights, store, "--frozen-encoder"), "--frozen-encoder"),
            _ => throw new ArgumentException(name),
        };
        var (code, stdout, err) = CliHarness.Run(args);
        Assert.True(code == CliRun.BadInput, $"{name}: exit {code}, stderr: {err}");
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("error", StringComparison.Ordinal));
        Assert.StartsWith("error: ", lines[^1]);
        Assert.Contains(names, lines[^1]);
        Assert.DoesNotContain("result:", stdout);
        if (name == "user-folder") Assert.Equal(["thesis.txt"], Directory.GetFiles(_dir.File("out")).Select(Path.GetFileName));
    }

    private string Mismatched()
    {
        var (tensors, _) = SafeTensors.Read(PyTorchParityTests.Fixture("stgcn_small.safetensors"));
        string path = _dir.File("mismatch.safetensors");
        SafeTensors.Write(path, tensors.Where(t => t.Key != "st_gcn_networks.1.gcn.conv.bias"));
        foreach (var t in tensors.Values) t.Dispose();
        return path;
    }

    private string UserFolder()
    {
        Directory.CreateDirectory(_dir.File("out"));
        File.WriteAllText(Path.Combine(_dir.File("out"), "thesis.txt"), "thesis");
        return _dir.File("out");
    }

    private string[] Args(string protocol, string weights, string store, params string[] more) =>
        ["eval", "--protocol", protocol, "--weights", weights, "--data", store, "--profile", "smoke",
         "--device", "cpu", "--seed", $"{Seed}", "--out", _dir.File("out"), .. more.Contains("--split") ? more : ["--split", "xsub", .. more]];

    private JsonNode Eval(string protocol, string weights, string store, params string[] more)
    {
        var (code, stdout, err) = CliHarness.Run(Args(protocol, weights, store, more));
        Assert.True(code == 0, err);
        Assert.Contains(EvalCommand.ResultFile, stdout);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.File("out"), EvalCommand.ResultFile)))!;
        Assert.Equal(protocol, (string)result["protocol"]!);
        return result;
    }

    private static SkeletonEncoder Loaded(string weights, StGcnConfig config)
    {
        var encoder = new StGcnEncoder(config);
        StateDictLoader.LoadFile(encoder, weights);
        encoder.eval();
        return encoder;
    }

    /// <summary>The protocol of Evaluation/ called directly, with the recipe the tables use under Smoke.</summary>
    private static (double Top1, double Top5) InProcess(string protocol, Func<SkeletonEncoder> create, string store, SkeletonStream stream)
    {
        var opened = PreparedStore.Open(store);
        using var train = opened.Load("xsub", "train");
        using var test = opened.Load("xsub", "val");
        using var encoder = create();
        using var generator = new Generator(Seed);
        if (protocol == "knn")
        {
            var knn = Knn.Evaluate(encoder, train, test, stream, new KnnConfig(), CPU);
            return (100 * knn.Top1, 100 * knn.Top5);
        }
        if (protocol == "motion-prediction")
        {
            // MPJPE and the zero-velocity baseline (mm) stand in for top-1 and top-5.
            var mp = MotionPrediction.Run(encoder, train, test, stream, MotionPredictionConfig.Martinez.For(Profile.Smoke), generator, CPU);
            return (mp.Mpjpe, mp.ZeroVelocity);
        }
        var linear = LinearProbe.Run(encoder, train, test, stream, LinearProbeConfig.AimClr.For(Profile.Smoke), generator, CPU);
        return (100 * linear.Top1, 100 * linear.Top5);
    }

    private static void AssertMetrics((double Top1, double Top5) expected, JsonNode result)
    {
        if ((string)result["protocol"]! == "motion-prediction")
        {
            double mpjpe = (double)result["metrics"]!["mpjpe"]!, still = (double)result["metrics"]!["zero-velocity-mpjpe"]!;
            Assert.True(mpjpe > 0 && still > 0, $"MPJPE {mpjpe} mm, zero-velocity {still} mm");
            Assert.Equal(expected.Top1, mpjpe, 9);
            Assert.Equal(expected.Top5, still, 9);
            return;
        }
        double top1 = (double)result["metrics"]!["top1"]!, top5 = (double)result["metrics"]!["top5"]!;
        Assert.InRange(top1, 0, 100);
        Assert.InRange(top5, top1, 100);
        Assert.Equal(expected.Top1, top1, 9);
        Assert.Equal(expected.Top5, top5, 9);
    }

    [Fact]
    public void Motion_prediction_of_the_random_init_gru_equals_the_protocol_in_process_in_millimetres()
    {
        // The GRU (no dropout): the same seed gives the same training in both processes. Fine-tuning ST-GCN would not repeat
        // across processes (its dropout draws from torch's global generator), which is why the theory above leaves it out.
        string store = Store("cmd");
        var result = Eval("motion-prediction", EvalCommand.RandomInit, store, "--encoder", "gru");
        var encoder = RandomInitConfig.Gru.For(Profile.Smoke).TrainedEncoder;
        var expected = InProcess("motion-prediction", () =>
        {
            using var generator = new Generator(Seed);
            return encoder.Build(generator);
        }, store, SkeletonStream.Joint);
        AssertMetrics(expected, result);
        Assert.Equal(10, (int)result["protocol_config"]!["seed_frames"]!);
        Assert.True((bool)result["protocol_config"]!["fine_tune_encoder"]!);
        Assert.All(new[] { "mpjpe-f2", "mpjpe-f4", "mpjpe-f8", "mpjpe-f10", "zero-velocity-f10" }, m => Assert.NotNull(result["metrics"]![m]));
        Assert.Equal(24, (int)result["metrics"]!["test-clips"]!);
        var frozen = Eval("motion-prediction", EvalCommand.RandomInit, store, "--encoder", "gru", "--frozen-encoder", "--force");
        Assert.False((bool)frozen["protocol_config"]!["fine_tune_encoder"]!);
    }

    /// <summary>A 4-class store (xsub: 48 train, 24 val clips of 50 frames) whose classes differ in a mean offset.</summary>
    private string Store(string pipeline = "aimclr")
    {
        string dir = _dir.File($"store-{pipeline}");
        if (Directory.Exists(dir)) return dir;
        using var writer = new PreparedStoreWriter(dir);
        foreach (var (part, count, seed) in new[] { ("train", 48, 5), ("val", 24, 6) })
        {
            long[] labels = [.. Enumerable.Range(0, count).Select(i => (long)(i % 4))];
            using var offsets = tensor(labels.Select(l => (float)l).ToArray()).reshape(count, 1, 1, 1, 1);
            using var noise = randn([count, 3, 50, 25, 2], generator: new Generator((ulong)seed));
            using var data = noise + offsets;
            writer.AddPart("xsub", part, data, labels, [.. Enumerable.Range(0, count).Select(i => $"{part}{i}")], 4);
        }
        writer.Commit("ntu60", pipeline, "1", ["a", "b", "c", "d"], 50,
            new PreparedProvenance("test", DateTimeOffset.UnixEpoch, "test", new Dictionary<string, string>(), 0, []));
        return dir;
    }
}
