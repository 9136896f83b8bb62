using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation.Detection;

/// <summary>
/// Skeleton-based action detection on untrimmed recordings (PCM3 §4.3 item 4, Table 5; spec/pcm3.md §8.7, after
/// Simple-Skeleton-Detection; spec/data.md §5.6): "we attach a linear classifier (fully-connected layer) to the encoder
/// and finetune the whole model to predict the label of each frame". A Linear(FeatureDim, classes + 2) head replaces the
/// encoder's; a window's prediction is the head applied to the encoder's output at the window's last step (for the CMD
/// GRU, whose feature is the last step of its per-step output all_seq, this is the per-step Linear of §8.7 read at the
/// last step). Training: each epoch draws 16 windows per recording (centre c, stride d ∈ {3, 4, 5}, 16 frames,
/// <see cref="DetectionWindows.Training"/>), target = the label of frame c (0 background, class id), cross-entropy, SGD.
/// Test: for every valid frame the 64-frame window around it at stride 4 (<see cref="DetectionWindows.Test"/>); the
/// softmax of its logits is the frame's class probabilities; <see cref="SegmentDecoder"/> turns them into proposals (mean
/// filter ±10, activity ≥ 0.4, segments, class and confidence) and <see cref="PkuMmdEvaluator"/> scores them against the
/// ground-truth segments (the maximal runs of one class in the frame labels) with the official mAP_a and mAP_v at 0.5.
/// <para>
/// Readings where the paper and spec are silent: the model is tested once, after the last epoch (no best-of checks);
/// the decoder reads the probabilities of background and the classes (the one unused output's share is left out);
/// the stream (joint by default) is computed from each gathered window. <see cref="DetectionMode.LinearOnly"/> is the
/// released code's variant. Windows are gathered and encoded in batches; nothing loops over samples.
/// The encoder is trained in place (fine-tuning) and keeps the new head: pass a copy to keep the pre-trained weights.
/// Notebook: notebooks/PCM3/Table5-detection.ipynb.
/// </para>
/// </summary>
public static class ActionDetection
{
    public const string Protocol = "detection";

    public static DetectionResult Run(SkeletonEncoder encoder, DetectionSet train, DetectionSet test, SkeletonStream stream, DetectionConfig config,
        Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null)
    {
        config.Validate();
        device ??= Devices.Default;
        if (train.Count == 0) throw new ArgumentException($"{Protocol}: the training part has no recordings");
        if (test.Count == 0) throw new ArgumentException($"{Protocol}: the test part has no recordings");
        int classes = Math.Max(train.NumClasses, test.NumClasses);
        encoder.to(device);
        encoder.SetHead(ClassifierHead.Create(encoder.FeatureDim, classes + config.ExtraOutputs, config.HeadInit, generator, device));
        bool linearOnly = config.Mode == DetectionMode.LinearOnly;
        foreach (var p in encoder.parameters()) p.requires_grad = !linearOnly;
        var head = encoder.named_children().Single(c => c.name == "fc").module;
        foreach (var p in head.parameters()) p.requires_grad = true;
        var parameters = (linearOnly ? head.parameters() : encoder.parameters()).ToList();
        var recipe = config.Recipe;
        using var optimizer = optim.SGD(parameters, recipe.LearningRate, momentum: recipe.Momentum, weight_decay: recipe.WeightDecay, nesterov: recipe.Nesterov);
        var losses = new List<double>();
        int windows = train.Count * config.WindowsPerVideo;
        try
        {
            for (int epoch = 1; epoch <= recipe.Epochs; epoch++)
            {
                foreach (var group in optimizer.ParamGroups) group.LearningRate = recipe.LearningRateAt(epoch);
                encoder.train();                                                                   // both modes train in train mode (§8.7)
                using var epochScope = NewDisposeScope();
                var (video, frames, centre) = DetectionWindows.Training(train.Frames, generator, config.WindowsPerVideo);
                var target = train.FrameLabels.view(-1).index_select(0, video * train.FrameLabels.shape[1] + centre);   // (W): label of frame c
                double sum = 0;
                int steps = 0;
                foreach (var idx in Batches.Of(windows, recipe.BatchSize, generator, recipe.DropLast && windows >= recipe.BatchSize))
                {
                    using var scope = NewDisposeScope();
                    var x = Streams.Apply(stream, DetectionWindows.Gather(train.Recordings.Data, video.index_select(0, idx), frames.index_select(0, idx)).to(device));  // (B, C, 16, V, M)
                    Tensor logits;
                    if (linearOnly)
                    {
                        Tensor features;
                        using (no_grad()) features = encoder.Features(x);                           // frozen encoder, BN statistics still adapt
                        logits = encoder.Head(features);
                    }
                    else logits = encoder.forward(x);                                              // (B, classes + 2), the last step's logits
                    var loss = nn.functional.cross_entropy(logits, target.index_select(0, idx).to(device));
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    sum += loss.item<float>();
                    steps++;
                }
                losses.Add(sum / Math.Max(1, steps));
                progress?.Invoke(new EvaluationProgress(Protocol, "train", epoch, recipe.Epochs, losses[^1]));
            }

            using var testScope = NewDisposeScope();
            var probabilities = FrameProbabilities(encoder, test, stream, config.TestBatchSize, device);   // (N, T, classes + 2)
            var kept = probabilities.narrow(2, 0, classes + 1);                                        // background and the classes
            var proposals = SegmentDecoder.Decode(kept, test.Frames, test.Videos, config.PostProcessing);
            var truth = GroundTruth(test);
            var official = PkuMmdEvaluator.Evaluate(proposals, truth, test.Videos, classes, config.Threshold, MapAStyle.Official);
            var voc = PkuMmdEvaluator.Evaluate(proposals, truth, test.Videos, classes, config.Threshold, MapAStyle.VocInclusive);
            double accuracy = FrameAccuracy(kept, test.FrameLabels);
            progress?.Invoke(new EvaluationProgress(Protocol, "test", recipe.Epochs, recipe.Epochs, losses.Count > 0 ? losses[^1] : null, official.MapV));
            return new DetectionResult(official, voc.MapA, accuracy, losses, proposals, truth, windows);
        }
        finally
        {
            encoder.eval();
        }
    }

    /// <summary>
    /// Per-frame class probabilities of the recordings (eval mode, no gradients): the softmax of the logits of each
    /// valid frame's test window, (N, T, outputs) float32 on the CPU, zero on padding frames. The windows of all
    /// recordings are encoded in batches of <paramref name="batchSize"/>.
    /// </summary>
    public static Tensor FrameProbabilities(SkeletonEncoder encoder, DetectionSet data, SkeletonStream stream, int batchSize, Device device)
    {
        bool wasTraining = encoder.training;
        encoder.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            long n = data.Count, t = data.Recordings.Data.shape[2];
            var video = cat(data.Frames.Select((f, i) => full(new[] { f }, (long)i, dtype: ScalarType.Int64)).ToArray());   // (F) recording of each valid frame
            var frames = cat(data.Frames.Select(DetectionWindows.Test).ToArray());                                            // (F, 16)
            var position = cat(data.Frames.Select(f => arange(f, dtype: ScalarType.Int64)).ToArray());                          // (F) the frame itself
            var parts = new List<Tensor>();
            foreach (var idx in Batches.Of(video.shape[0], batchSize))
            {
                using var step = NewDisposeScope();
                var x = Streams.Apply(stream, DetectionWindows.Gather(data.Recordings.Data, video.index_select(0, idx), frames.index_select(0, idx)).to(device));
                parts.Add(nn.functional.softmax(encoder.forward(x), 1).to(ScalarType.Float32).cpu().MoveToOuterDisposeScope());
            }
            var p = cat(parts, 0);                                                                      // (F, outputs)
            var result = zeros(new[] { n * t, p.shape[1] });
            result.index_copy_(0, video * t + position, p);
            return result.view(n, t, p.shape[1]).MoveToOuterDisposeScope();
        }
        finally
        {
            encoder.train(wasTraining);
        }
    }

    /// <summary>
    /// The ground-truth segments of a part: the maximal runs of one class id in each recording's frame labels, with
    /// 1-based inclusive frames as the label files' (equal to the label lines unless two instances of one class touch).
    /// </summary>
    public static IReadOnlyList<ActionSegment> GroundTruth(DetectionSet data)
    {
        using var scope = NewDisposeScope();
        var labels = data.FrameLabels;                                                                  // (N, T)
        long n = labels.shape[0], t = labels.shape[1];
        var action = labels.gt(0) & labels.ne(PkuFrameLabels.Padding);
        var edge = full(new long[] { n, 1 }, -1L, dtype: ScalarType.Int64);
        var previous = cat([edge, labels.narrow(1, 0, t - 1)], 1);
        var next = cat([labels.narrow(1, 1, t - 1), edge], 1);
        var starts = (action & labels.ne(previous)).nonzero();                                          // (S, 2) in row-major order
        var ends = (action & labels.ne(next)).nonzero();                                                // (S, 2), the same order
        var r = starts.select(1, 0).data<long>().ToArray();
        var s = starts.select(1, 1).data<long>().ToArray();
        var e = ends.select(1, 1).data<long>().ToArray();
        var c = labels.view(-1).index_select(0, starts.select(1, 0) * t + starts.select(1, 1)).data<long>().ToArray();
        return [.. Enumerable.Range(0, r.Length).Select(j => new ActionSegment(data.Videos[(int)r[j]], (int)c[j], (int)s[j] + 1, (int)e[j] + 1))];
    }

    /// <summary>Share of valid frames whose argmax over background and the classes is the frame's label.</summary>
    private static double FrameAccuracy(Tensor probabilities, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var valid = labels.ne(PkuFrameLabels.Padding);
        var correct = probabilities.argmax(2).eq(labels) & valid;
        return correct.sum().item<long>() / (double)Math.Max(1, valid.sum().item<long>());
    }
}
