using System.Globalization;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Evaluation.Detection;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using TorchSharp;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The catalog's protocol entry points (AimCLR §4.2; spec/aimclr.md §7-8): each stream's encoder is
/// evaluated on the experiment's dataset split, and several streams are fused on their best-check
/// logits with the spec's weights. Metrics are reported in the paper's units (top-1 in %).
/// </summary>
public static class EvaluationProtocols
{
    /// <summary>Linear evaluation: frozen encoder, linear classifier (spec/aimclr.md §8.2).</summary>
    public static ProtocolResult Linear(EvaluationRequest request) =>
        Classify(request, (encoder, train, test, stream, generator, device, progress) =>
            LinearProbe.Run(encoder, train, test, stream, request.Recipes.Linear.For(request.Context.Profile), generator, device, progress));

    /// <summary>
    /// Finetune evaluation: encoder and linear head trained with all labels (spec/aimclr.md §8.3, reconstruction), by the
    /// method's recipe: a pre-trained encoder follows AimCLR's eval-mode processor; the random-init baseline's recipe is
    /// supervised training in train mode (<see cref="FineTuneConfig.Supervised"/>, <see cref="RandomInitConfig"/>).
    /// </summary>
    public static ProtocolResult FineTune(EvaluationRequest request) =>
        Classify(request, (encoder, train, test, stream, generator, device, progress) =>
            Evaluation.FineTune.Run(encoder, train, test, stream, request.Recipes.FineTune.For(request.Context.Profile), generator, device, progress));

    /// <summary>
    /// Semi-supervised evaluation on the fraction in the protocol option "labelled" (0.01 or 0.1; spec/aimclr.md §8.4,
    /// spec/pcm3.md §8.3), over the recipe's <see cref="SemiSupervisedConfig.Runs"/>: run r draws a new subset (selection
    /// seed + r) and fine-tunes a fresh copy of each pre-trained encoder (training seed + r); with several runs every metric
    /// is the mean over the runs (CMD reports the mean of 5), "top1-run{r}" each run's top-1 and the figures are run 1's.
    /// </summary>
    public static ProtocolResult Semi(EvaluationRequest request)
    {
        var text = request.Spec.ProtocolOptions.GetValueOrDefault("labelled")
                   ?? throw new ArgumentException($"semi needs the protocol option labelled (e.g. 0.01): {request.Spec}");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) || fraction is <= 0 or > 1)
            throw new ArgumentException($"semi option labelled = '{text}': expected a fraction in (0, 1]");
        var config = (request.Recipes.Semi with { Fraction = fraction }).For(request.Context.Profile);
        config.Validate();
        var data = request.Data();
        var runs = new List<ProtocolResult>();
        for (int r = 0; r < config.Runs; r++)
        {
            if (config.Runs > 1) request.Context.Log?.Invoke($"  semi: run {r + 1} of {config.Runs}");
            var run = config with { SelectionSeed = config.SelectionSeed + r };
            runs.Add(Classify(request, data, (encoder, train, test, stream, generator, device, progress) =>
                SemiSupervised.Run(encoder, train, test, stream, run, generator, device, progress), seedOffset: r));
        }
        return Averaged(runs);
    }

    /// <summary>The mean of each metric over the runs (all report the same ones), each run's top-1 as "top1-run{r}", and run 1's figures.</summary>
    internal static ProtocolResult Averaged(IReadOnlyList<ProtocolResult> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("no runs to average");
        if (runs.Count == 1) return runs[0];
        var metrics = runs[0].Metrics.Keys.Where(k => k != "best-epoch")
                                     .ToDictionary(k => k, k => runs.Average(r => r.Metrics[k]));
        for (int r = 0; r < runs.Count; r++) metrics[$"top1-run{r + 1}"] = runs[r].Metrics["top1"];
        return new ProtocolResult(metrics, runs[0].Figures);
    }

    /// <summary>KNN evaluation on frozen features (AimCLR Fig. 3); one stream only (KNN gives no logits to fuse).</summary>
    public static ProtocolResult Knn(EvaluationRequest request)
    {
        if (request.Runs.Count != 1) throw new ArgumentException($"knn evaluates one stream, got {request.Runs.Count}: {request.Spec}");
        var device = request.Context.Device;
        var (train, test) = request.Data();
        using var encoder = EncoderOf(request.Runs[0], device);
        var result = Evaluation.Knn.Evaluate(encoder, train, test, request.Runs[0].Spec.Stream, request.Recipes.Knn.For(request.Context.Profile), device,
                                             Relay(request, request.Runs[0].Spec.Stream));
        var confusion = Metrics.ConfusionMatrix(result.Predicted, test.Labels, Math.Max(train.NumClasses, test.NumClasses));
        return new ProtocolResult(new Dictionary<string, double> { ["top1"] = 100 * result.Top1, ["top5"] = 100 * result.Top5 },
                                  [Confusion($"KNN confusion ({request.Runs[0].Spec.Stream})", confusion)]);
    }

    /// <summary>
    /// Recognition under occlusion (PCM3 §4.3 item 3, Table 4; spec/pcm3.md §8.6): the clean linear classifier of the
    /// method's linear recipe, trained once, evaluated on the clean test set (top1, as the linear protocol reports it) and on
    /// its spatially and temporally occluded copies (spatial-top1, temporal-top1; see <see cref="OcclusionRobustness"/>).
    /// One stream: Table 4 evaluates single-stream encoders.
    /// </summary>
    public static ProtocolResult Occlusion(EvaluationRequest request)
    {
        if (request.Runs.Count != 1) throw new ArgumentException($"occlusion evaluates one stream, got {request.Runs.Count}: {request.Spec}");
        var device = request.Context.Device;
        var (train, test) = request.Data();
        var stream = request.Runs[0].Spec.Stream;
        request.Context.Log?.Invoke($"  occlusion: {stream.ToString().ToLowerInvariant()} stream");
        using var encoder = EncoderOf(request.Runs[0], device);
        using var generator = new torch.Generator((ulong)request.Context.Seed);
        var config = new OcclusionConfig { Linear = request.Recipes.Linear }.For(request.Context.Profile);
        var r = OcclusionRobustness.Run(encoder, train, test, stream, config, generator, device, Relay(request, stream));
        var numClasses = Math.Max(train.NumClasses, test.NumClasses);
        var history = new CurveData("occlusion: clean test top-1 during training", "epoch", "top-1 (%)",
            [new CurveSeries(stream.ToString().ToLowerInvariant(), [.. r.Clean.History.Select(h => (double)h.Epoch)], [.. r.Clean.History.Select(h => 100 * h.Top1)])]);
        return new ProtocolResult(new Dictionary<string, double>
                                  {
                                      ["top1"] = 100 * r.Clean.Top1, ["top5"] = 100 * r.Clean.Top5,
                                      ["spatial-top1"] = 100 * r.SpatialTop1, ["spatial-top5"] = 100 * r.SpatialTop5,
                                      ["temporal-top1"] = 100 * r.TemporalTop1, ["temporal-top5"] = 100 * r.TemporalTop5,
                                      ["best-epoch"] = r.Clean.BestEpoch,
                                  },
                                  [history, Confusion($"Confusion, clean ({stream})", ConfusionOf(r.Clean.BestLogits, r.Clean.Labels, numClasses))]);
    }

    /// <summary>The motion-prediction metrics the catalog lists: the mean over the predicted frames, Martinez's horizons, and the zero-velocity baseline.</summary>
    public static IReadOnlyList<string> MotionPredictionMetrics { get; } =
        ["mpjpe", .. MotionPredictionConfig.Martinez.Horizons.Select(h => $"mpjpe-f{h}"), "zero-velocity-mpjpe"];

    /// <summary>
    /// The motion-prediction settings of an experiment: Martinez's short-term setting at the profile's size
    /// (<see cref="MotionPredictionConfig.For"/>), the same for every method (the paper evaluates all under one protocol), with
    /// the protocol option <c>encoder</c> = <c>finetune</c> (the default: the whole model trains) or <c>frozen</c> (f(·) fixed).
    /// </summary>
    public static MotionPredictionConfig MotionPredictionSettings(IReadOnlyDictionary<string, string> options, Profile profile)
    {
        var config = MotionPredictionConfig.Martinez.For(profile);
        return options.GetValueOrDefault("encoder") switch
        {
            null or "finetune" => config,
            "frozen" => config with { FineTuneEncoder = false },
            var other => throw new ArgumentException($"motion-prediction option encoder = '{other}': expected finetune or frozen"),
        };
    }

    /// <summary>
    /// Motion prediction (PCM3 §4.3 item 5, Table 6; a documented reconstruction, see <see cref="MotionPrediction"/>):
    /// Martinez et al.'s residual GRU decoder after the encoder, trained on the training split's windows (seed frames
    /// observed, the next frames predicted) and tested on fixed test windows. Metrics in millimetres: mpjpe (the mean over
    /// the predicted frames, Table 6's number), mpjpe-f{k} at Martinez's horizons, zero-velocity-mpjpe and
    /// zero-velocity-f{k} (the last seed frame held, on the same windows); clip counts. One stream.
    /// </summary>
    public static ProtocolResult MotionPrediction(EvaluationRequest request)
    {
        if (request.Runs.Count != 1) throw new ArgumentException($"motion-prediction evaluates one stream, got {request.Runs.Count}: {request.Spec}");
        var device = request.Context.Device;
        var (train, test) = request.Data();
        var stream = request.Runs[0].Spec.Stream;
        var config = MotionPredictionSettings(request.Spec.ProtocolOptions, request.Context.Profile);
        request.Context.Log?.Invoke($"  motion-prediction: {stream.ToString().ToLowerInvariant()} stream, {config.SeedFrames} seed + {config.PredictedFrames} predicted frames, " +
                                    $"{config.Iterations} iterations, encoder {(config.FineTuneEncoder ? "fine-tuned" : "frozen")}");
        using var encoder = EncoderOf(request.Runs[0], device);
        using var generator = new torch.Generator((ulong)request.Context.Seed);
        var r = Evaluation.MotionPrediction.Run(encoder, train, test, stream, config, generator, device, Relay(request, stream));
        var metrics = new Dictionary<string, double> { ["mpjpe"] = r.Mpjpe, ["zero-velocity-mpjpe"] = r.ZeroVelocity };
        foreach (var h in config.Horizons)
        {
            metrics[$"mpjpe-f{h}"] = r.PerFrame[h - 1];
            metrics[$"zero-velocity-f{h}"] = r.ZeroVelocityPerFrame[h - 1];
        }
        metrics["train-clips"] = r.TrainClips;
        metrics["test-clips"] = r.TestClips;
        metrics["excluded-test-clips"] = r.ExcludedTestClips;
        double[] ms = [.. Enumerable.Range(1, config.PredictedFrames).Select(config.Milliseconds)];
        var figures = new List<FigureData>
        {
            new CurveData("motion prediction: MPJPE per predicted frame", "time after the last seed frame (ms)", "MPJPE (mm)",
                [new CurveSeries("decoder after f", ms, r.PerFrame), new CurveSeries("zero-velocity", ms, r.ZeroVelocityPerFrame)]),
            new CurveData("motion prediction: training loss (standardised squared error)", "iteration", "loss",
                [new CurveSeries(stream.ToString().ToLowerInvariant(), [.. r.Losses.Select(l => (double)l.Iteration)], [.. r.Losses.Select(l => l.Loss)])]),
        };
        if (r.Example is { } e) figures.Add(PredictionPanels(e));
        return new ProtocolResult(metrics, figures);
    }

    /// <summary>One test window as three animated panels: the true future, the prediction and the zero-velocity baseline, each after the last seed frames.</summary>
    public static SkeletonClipsData PredictionPanels(MotionPredictionExample e)
    {
        SkeletonPanel Panel(string title, float[] values) => new(title, e.Channels, e.Frames, e.Joints, e.Bodies, values);
        return new SkeletonClipsData($"{e.Name}: frames 0-{e.SeedShown - 1} observed (the last seed frames), {e.SeedShown}-{e.Frames - 1} predicted",
            [Panel("true", e.Truth), Panel("predicted", e.Predicted), Panel("zero-velocity", e.ZeroVelocity)]);
    }

    /// <summary>
    /// Action detection on untrimmed recordings (PCM3 §4.3 item 4, Table 5; spec/pcm3.md §8.7; see <see cref="ActionDetection"/>):
    /// the pre-trained encoder (usually pre-trained on NTU-60 xsub: the spec's <see cref="ExperimentSpec.PretrainedOn"/>) with a
    /// new per-window Linear head, fine-tuned on the evaluation dataset's training recordings (PKU-MMD I xsub) and scored on
    /// its test recordings with the official evaluator: map-a and map-v at overlap 0.5 in %, map-a-voc (spec/pcm3.md §8.7's
    /// VOC-style reading), frame-accuracy (%), final-loss. Protocol option mode: finetune (the paper, default) or linear-only
    /// (the released code: frozen encoder, BN in train mode). One stream. Figures: the training loss per epoch and the
    /// timeline of the first test recording (ground truth vs predicted segments).
    /// </summary>
    public static ProtocolResult Detection(EvaluationRequest request)
    {
        if (request.Runs.Count != 1) throw new ArgumentException($"detection evaluates one stream, got {request.Runs.Count}: {request.Spec}");
        var config = DetectionOf(request.Spec.ProtocolOptions, request.Recipes, request.Context.Profile);
        var device = request.Context.Device;
        var (train, test) = request.DetectionData();
        var stream = request.Runs[0].Spec.Stream;
        request.Context.Log?.Invoke($"  detection ({(config.Mode == DetectionMode.FineTune ? "whole model fine-tuned" : "linear layer only")}): " +
                                    $"{stream.ToString().ToLowerInvariant()} stream, {train.Count} training and {test.Count} test recordings");
        using var encoder = EncoderOf(request.Runs[0], device);
        using var generator = new torch.Generator((ulong)request.Context.Seed);
        var r = ActionDetection.Run(encoder, train, test, stream, config, generator, device, Relay(request, stream));
        var loss = new CurveData("detection: training loss", "epoch", "cross-entropy",
            [new CurveSeries(stream.ToString().ToLowerInvariant(), [.. Enumerable.Range(1, r.LossHistory.Count).Select(e => (double)e)], [.. r.LossHistory])]);
        var metrics = new Dictionary<string, double>
        {
            ["map-a"] = 100 * r.Official.MapA, ["map-v"] = 100 * r.Official.MapV, ["map-a-voc"] = 100 * r.MapAVoc,
            ["frame-accuracy"] = 100 * r.FrameAccuracy, ["proposals"] = r.Proposals.Count, ["ground-truth"] = r.GroundTruth.Count,
        };
        if (r.LossHistory.Count > 0) metrics["final-loss"] = r.LossHistory[^1];
        return new ProtocolResult(metrics, [loss, DetectionTimeline(r, test.Videos[0], (int)test.Frames[0])]);
    }

    /// <summary>The detection recipe of a spec's protocol options (mode: finetune or linear-only) at the profile.</summary>
    public static DetectionConfig DetectionOf(IReadOnlyDictionary<string, string> options, EvaluationRecipes recipes, Profile profile)
    {
        var mode = options.GetValueOrDefault("mode") switch
        {
            null or "finetune" => DetectionMode.FineTune,
            "linear-only" => DetectionMode.LinearOnly,
            var other => throw new ArgumentException($"detection option mode = '{other}': expected finetune (the paper) or linear-only (the released code)"),
        };
        return (recipes.Detection with { Mode = mode }).For(profile);
    }

    /// <summary>Ground truth vs predicted segments of one test recording.</summary>
    public static TimelineData DetectionTimeline(DetectionResult result, string video, int frames)
    {
        TimelineTrack Track(string name, IEnumerable<ActionSegment> segments) =>
            new(name, [.. segments.Where(s => s.Video == video).Select(s => new TimelineSegment($"A{s.Class:D2}", s.Start, s.End, s.Confidence))]);
        return new TimelineData($"detection timeline of {video}: ground truth vs predicted segments", frames,
            [Track("ground truth", result.GroundTruth), Track("predicted", result.Proposals)]);
    }

    /// <summary>
    /// t-SNE of the test split's features (AimCLR Fig. 2; spec/aimclr.md §9 reconstruction: 10 random
    /// classes, pooled backbone features, scikit-learn defaults), with NMI of k-means clusters
    /// against the labels. Several streams are embedded jointly (see <see cref="Tsne"/>).
    /// </summary>
    public static ProtocolResult Tsne(EvaluationRequest request)
    {
        var device = request.Context.Device;
        var (_, test) = request.Data();
        {
            var encoders = request.Runs.Select(r => (Encoder: EncoderOf(r, device), r.Spec.Stream)).ToList();
            try
            {
                using var generator = new torch.Generator((ulong)request.Context.Seed);
                var result = Evaluation.Tsne.Evaluate(encoders, test, request.Recipes.Tsne.For(request.Context.Profile), generator, device,
                                                      request.Progress is { } progress ? progress.Report : null);
                var streams = string.Join('+', encoders.Select(e => e.Stream.ToString().ToLowerInvariant()));
                var scatter = new ScatterData($"t-SNE ({streams}), NMI {result.NmiEmbedding:F3}",
                    [.. result.Points.Select(p => (double)p[0])], [.. result.Points.Select(p => (double)p[1])],
                    [.. result.Labels.Select(l => $"A{l + 1:D2}")]);
                return new ProtocolResult(new Dictionary<string, double>
                {
                    ["nmi"] = result.NmiEmbedding,
                    ["nmi-features"] = result.NmiFeatures,
                    ["kl"] = result.KlDivergence,
                }, [scatter]);
            }
            finally
            {
                foreach (var e in encoders) e.Encoder.Dispose();
            }
        }
    }

    private delegate ClassifierResult StreamProtocol(SkeletonEncoder encoder, SkeletonDataset train, SkeletonDataset test,
                                                     SkeletonStream stream, torch.Generator generator, torch.Device device,
                                                     Action<EvaluationProgress>? progress);

    /// <summary>The request's progress, each report marked with the stream it is about, or null.</summary>
    private static Action<EvaluationProgress>? Relay(EvaluationRequest request, SkeletonStream stream) =>
        request.Progress is { } progress ? p => progress.Report(p with { Stream = stream }) : null;

    private static ProtocolResult Classify(EvaluationRequest request, StreamProtocol protocol) => Classify(request, request.Data(), protocol, seedOffset: 0);

    /// <summary>Runs the protocol on each stream's encoder with a generator seeded by the experiment seed + <paramref name="seedOffset"/>, and fuses the streams.</summary>
    private static ProtocolResult Classify(EvaluationRequest request, (SkeletonDataset Train, SkeletonDataset Test) data, StreamProtocol protocol, int seedOffset)
    {
        var device = request.Context.Device;
        var (train, test) = data;
        {
            var results = new List<ClassifierResult>();
            foreach (var run in request.Runs)
            {
                request.Context.Log?.Invoke($"  {request.Spec.Protocol}: {run.Spec.Stream.ToString().ToLowerInvariant()} stream");
                using var encoder = EncoderOf(run, device);
                using var generator = new torch.Generator((ulong)(request.Context.Seed + seedOffset));
                results.Add(protocol(encoder, train, test, run.Spec.Stream, generator, device, Relay(request, run.Spec.Stream)));
            }
            var numClasses = Math.Max(train.NumClasses, test.NumClasses);
            var history = new CurveData($"{request.Spec.Protocol}: test top-1 during training", "epoch", "top-1 (%)",
                [.. results.Select(r => new CurveSeries(r.Stream.ToString().ToLowerInvariant(),
                                                       [.. r.History.Select(h => (double)h.Epoch)], [.. r.History.Select(h => 100 * h.Top1)]))]);
            if (results.Count == 1)
            {
                var r = results[0];
                return new ProtocolResult(new Dictionary<string, double>
                                          {
                                              ["top1"] = 100 * r.Top1, ["top5"] = 100 * r.Top5, ["final-top1"] = 100 * r.FinalTop1, ["best-epoch"] = r.BestEpoch,
                                          },
                                          [history, Confusion($"Confusion ({r.Stream})", ConfusionOf(r.BestLogits, r.Labels, numClasses))]);
            }
            var weights = request.Spec.Streams.Zip(request.Spec.FusionWeights).ToDictionary(p => p.First, p => p.Second);
            var fused = StreamFusion.Fuse(results, new FusionWeights(weights.GetValueOrDefault(SkeletonStream.Joint),
                                                                     weights.GetValueOrDefault(SkeletonStream.Bone),
                                                                     weights.GetValueOrDefault(SkeletonStream.Motion)));
            var metrics = new Dictionary<string, double> { ["top1"] = 100 * fused.Top1, ["top5"] = 100 * fused.Top5 };
            foreach (var r in results) metrics[$"top1-{r.Stream.ToString().ToLowerInvariant()}"] = 100 * r.Top1;
            return new ProtocolResult(metrics, [history, Confusion("Confusion (fused streams)", ConfusionOf(fused.Scores, results[0].Labels, numClasses))]);
        }
    }

    private static SkeletonEncoder EncoderOf(PretrainRun run, torch.Device device) =>
        run.Encoder?.Invoke(device) ?? throw new ArgumentException($"pre-training run {run.RunDirectory} gives no encoder to evaluate");

    private static long[][] ConfusionOf(IReadOnlyDictionary<string, float[]> scores, IReadOnlyDictionary<string, long> labels, int numClasses)
    {
        var names = labels.Keys.Order(StringComparer.Ordinal).ToArray();
        var predicted = names.Select(n => (long)Array.IndexOf(scores[n], scores[n].Max())).ToArray();
        return Metrics.ConfusionMatrix(predicted, names.Select(n => labels[n]).ToArray(), numClasses);
    }

    private static HeatmapData Confusion(string title, long[][] confusion)
    {
        var classes = Enumerable.Range(1, confusion.Length).Select(i => $"A{i:D2}").ToArray();
        return new HeatmapData(title, classes, classes, [.. confusion.Select(r => (IReadOnlyList<double>)[.. r.Select(v => (double)v)])]);
    }
}
