using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;
using SkeletonSsl.Evaluation;

namespace SkeletonSsl.Tests.Experiments;

/// <summary>The catalog's protocols on the real path: the Smoke synthetic set and random-init ST-GCN encoders.</summary>
public sealed class EvaluationProtocolsTests(EvaluationProtocolsTests.SharedData shared) : IClassFixture<EvaluationProtocolsTests.SharedData>
{
    /// <summary>One temporary folder per test class, so the Smoke synthetic set is generated once.</summary>
    public sealed class SharedData : IDisposable
    {
        public string Dir { get; } = Directory.CreateTempSubdirectory("skeletonssl-protocols-").FullName;

        public SharedData() => NativeRuntime.EnsureInitialised();

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private readonly string _dir = shared.Dir;

    private EvaluationRequest Request(ExperimentSpec spec, string? dataRoot = null)
    {
        var context = new ExperimentContext(Profile.Smoke, 0, TorchSharp.torch.CPU, dataRoot, _dir, Path.Combine(_dir, "data"));
        return new(spec, [.. spec.Pretrains.Select(p => Pretraining.Run(context, p))], context, _dir);
    }

    [Fact]
    public void Linear_on_three_streams_reports_the_fused_and_each_streams_top1_in_percent()
    {
        var result = EvaluationProtocols.Linear(Request(ExperimentSpec.ThreeStream(RandomInitConfig.Paper, "ntu60", "xsub", "linear")));
        Assert.InRange(result.Metrics["top1"], 0, 100);
        Assert.True(result.Metrics["top5"] >= result.Metrics["top1"]);
        foreach (var stream in new[] { "joint", "motion", "bone" }) Assert.InRange(result.Metrics[$"top1-{stream}"], 0, 100);
        var history = Assert.IsType<CurveData>(result.Figures[0]);
        Assert.Equal(3, history.Series.Count);
        var confusion = Assert.IsType<HeatmapData>(result.Figures[1]);
        Assert.Equal(confusion.RowLabels.Count, confusion.Values.Count);
        Assert.True(confusion.Values.Sum(r => r.Sum()) > 0);
    }

    [Fact]
    public void Knn_is_deterministic_and_accepts_one_stream_only()
    {
        var spec = ExperimentSpec.Single(RandomInitConfig.Paper, SkeletonStream.Joint, "ntu120", "xset", "knn");
        var a = EvaluationProtocols.Knn(Request(spec));
        var b = EvaluationProtocols.Knn(Request(spec));
        Assert.Equal(a.Metrics["top1"], b.Metrics["top1"]);
        Assert.InRange(a.Metrics["top1"], 0, 100);
        Assert.Throws<ArgumentException>(() => EvaluationProtocols.Knn(Request(ExperimentSpec.ThreeStream(RandomInitConfig.Paper, "ntu60", "xsub", "knn"))));
    }

    [Fact]
    public void Occlusion_reports_the_clean_and_occluded_top1_deterministically_for_one_stream_only()
    {
        var spec = ExperimentSpec.Single(RandomInitConfig.Paper, SkeletonStream.Joint, "ntu60", "xview", "occlusion");
        var a = EvaluationProtocols.Occlusion(Request(spec));
        var b = EvaluationProtocols.Occlusion(Request(spec));
        Assert.Equal(a.Metrics, b.Metrics);
        foreach (var metric in new[] { "top1", "spatial-top1", "temporal-top1" }) Assert.InRange(a.Metrics[metric], 0, 100);
        var linear = EvaluationProtocols.Linear(Request(spec with { Protocol = "linear" }));
        Assert.Equal(linear.Metrics["top1"], a.Metrics["top1"]);                                   // the linear protocol's own classifier
        Assert.Contains("one stream", Assert.Throws<ArgumentException>(() =>
            EvaluationProtocols.Occlusion(Request(ExperimentSpec.ThreeStream(RandomInitConfig.Paper, "ntu60", "xsub", "occlusion")))).Message);
    }

    [Fact]
    public void Detection_reports_map_a_and_map_v_deterministically_with_a_timeline_and_checks_its_mode()
    {
        // Table 5's shape: pre-trained on NTU-60 xsub, evaluated on (the synthetic stand-in of) PKU-MMD I xsub.
        var spec = ExperimentSpec.Single(RandomInitConfig.Gru, SkeletonStream.Joint, "pku1", "xsub", "detection").PretrainedOn("ntu60", "xsub");
        Assert.Equal(("ntu60", "xsub"), (spec.Pretrains.Single().Dataset, spec.Pretrains.Single().Split));
        var a = EvaluationProtocols.Detection(Request(spec));
        var b = EvaluationProtocols.Detection(Request(spec));
        Assert.Equal(a.Metrics, b.Metrics);
        foreach (var metric in new[] { "map-a", "map-v", "map-a-voc", "frame-accuracy" }) Assert.InRange(a.Metrics[metric], 0, 100);
        var timeline = Assert.IsType<TimelineData>(a.Figures[1]);
        Assert.Equal(["ground truth", "predicted"], timeline.Tracks.Select(t => t.Name));
        Assert.NotEmpty(timeline.Tracks[0].Segments);
        var linear = EvaluationProtocols.Detection(Request(spec.WithProtocolOption("mode", "linear-only")));
        Assert.NotEqual(a.Metrics["final-loss"], linear.Metrics["final-loss"]);
        Assert.Contains("linear-only", Assert.Throws<ArgumentException>(() => EvaluationProtocols.Detection(Request(spec.WithProtocolOption("mode", "frozen")))).Message);
        Assert.Contains("one stream", Assert.Throws<ArgumentException>(() =>
            EvaluationProtocols.Detection(Request(ExperimentSpec.ThreeStream(RandomInitConfig.Gru, "pku1", "xsub", "detection")))).Message);
    }

    [Fact]
    public void Semi_needs_a_labelled_fraction_and_cuda_needs_a_gpu()
    {
        var spec = ExperimentSpec.Single(RandomInitConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub", "semi");
        Assert.Contains("labelled", Assert.Throws<ArgumentException>(() => EvaluationProtocols.Semi(Request(spec))).Message);
        Assert.Throws<ArgumentException>(() => EvaluationProtocols.Semi(Request(spec.WithProtocolOption("labelled", "1.5"))));
        if (!TorchSharp.torch.cuda.is_available())
            Assert.Contains("CUDA is not available", Assert.Throws<ArgumentException>(() => Devices.Parse("cuda")).Message);
    }

    [Fact]
    public void Cmd_semi_supervision_averages_its_runs_each_on_a_new_subset()
    {
        var spec = ExperimentSpec.Single(RandomInitConfig.Gru, SkeletonStream.Joint, "ntu60", "xsub", "semi").WithProtocolOption("labelled", "0.1");
        var result = EvaluationProtocols.Semi(Request(spec));
        Assert.Equal(2, result.Metrics.Keys.Count(k => k.StartsWith("top1-run", StringComparison.Ordinal)));   // Smoke: 2 of CMD's 5 runs
        Assert.Equal((result.Metrics["top1-run1"] + result.Metrics["top1-run2"]) / 2, result.Metrics["top1"], 9);
        var (train, _) = Request(spec).Data();
        var config = SemiSupervisedConfig.Cmd(0.1).For(Profile.Smoke);
        Assert.NotEqual(SemiSupervised.Select(train.Labels, 0.1, config.Selection, new Random(config.SelectionSeed), config.MinPerClass),
                        SemiSupervised.Select(train.Labels, 0.1, config.Selection, new Random(config.SelectionSeed + 1), config.MinPerClass));
    }

    [Fact]
    public void Real_data_must_be_a_prepared_store_per_dataset()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "empty-root")).FullName;
        var request = Request(ExperimentSpec.Single(RandomInitConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub", "knn"), dataRoot: root);
        Assert.Contains("data prepare --dataset ntu60 --pipeline aimclr", Assert.Throws<DirectoryNotFoundException>(() => EvaluationProtocols.Knn(request)).Message);
        var gru = Request(ExperimentSpec.Single(RandomInitConfig.Gru, SkeletonStream.Joint, "ntu60", "xsub", "knn"), dataRoot: root);
        Assert.Contains("--pipeline cmd", Assert.Throws<DirectoryNotFoundException>(() => EvaluationProtocols.Knn(gru)).Message);
    }
}
