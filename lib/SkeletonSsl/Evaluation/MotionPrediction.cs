using SkeletonSsl.Data;
using SkeletonSsl.Training;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Decoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Skeletons;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Motion prediction (PCM3, ACM MM 2023, §4.3 item 5, Table 6: MPJPE in mm, lower is better): "we use the decoder in
/// [27] after f(·) and follow the short-term motion prediction protocol [27]", [27] = Martinez, Black and Romero,
/// CVPR 2017. The paper gives nothing more (no dataset, no window, no recipe) and no studied repository has it
/// (spec/pcm3.md §8.8, spec/README.md), so this is a <b>documented reconstruction</b>; each choice is a named option of
/// <see cref="MotionPredictionConfig"/> where it matters:
/// <list type="number">
/// <item>Windows: S seed frames observed, the next P predicted (Martinez's short term: S = 50, P = 10), cut inside each
/// clip's valid frames; clips with fewer than S + P valid frames are left out (and counted). Training windows start
/// uniformly at random in every iteration (Martinez sample random sub-sequences); test windows are drawn once from a
/// fixed seed (<see cref="MotionPredictionConfig.TestSeed"/>), the same for every method. Frames are the data's (NTU:
/// 30 fps), not resampled to Martinez's 25 fps.</item>
/// <item>Model: the encoder f(·) reads the S seed frames (through its stream, the joint stream in Table 6) and its
/// feature initialises <see cref="MartinezDecoder"/> (the residual GRU of Martinez, fed its own predictions: their
/// sampling-based loss), whose first input is the last seed frame. Decoding runs in coordinates standardised with the
/// training set's per-value mean and deviation, as Martinez normalise (<see cref="MotionPredictionConfig.Standardise"/>);
/// the encoder sees the raw clip, as in pre-training.</item>
/// <item>Training: the whole model fine-tuned (<see cref="MotionPredictionConfig.FineTuneEncoder"/>; false freezes f),
/// loss = mean squared error over the predicted frames' values (Martinez's l2 loss), with Martinez's SGD recipe, the
/// encoder in train mode (its BatchNorm statistics adapt), tests in eval mode.</item>
/// <item>Metric: MPJPE = mean over the predicted frames, the joints and the bodies present of the Euclidean error of the
/// 3-D joint position, in millimetres: the CMD pipeline's store keeps the sensor's metres (pre_normalization only
/// translates and rotates), so ×1000. Martinez report Euler-angle errors; PCM3 reports MPJPE, so position error it is.
/// A body counts as present in a window when any of its values there is non-zero (NTU's absent second body is all zero);
/// the pipeline centres every frame on body 0's spine-middle joint, whose zero error is included as stored.</item>
/// </list>
/// The zero-velocity baseline (every future frame = the last seed frame) is reported on the same windows; with the
/// default zero-initialised velocity head the untrained model is exactly that baseline.
/// </summary>
public static class MotionPrediction
{
    /// <summary>The store's coordinates are metres (the Kinect's camera space); MPJPE is printed in millimetres.</summary>
    public const double MillimetresPerMetre = 1000;

    /// <summary>Standard deviations below this count as constant values, which keep σ = 1 (Martinez's rule).</summary>
    public const double MinimumDeviation = 1e-4;

    /// <summary>
    /// Trains the decoder (and, by default, the encoder in place) on the training split and evaluates the test split.
    /// train, test: (N, C, T, V, M) joint clips in metres with their valid frame counts.
    /// </summary>
    public static MotionPredictionResult Run(SkeletonEncoder encoder, SkeletonDataset train, SkeletonDataset test, SkeletonStream stream,
        MotionPredictionConfig config, Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null)
    {
        config.Validate();
        device ??= Devices.Default;
        int window = config.SeedFrames + config.PredictedFrames;
        var trainClips = Eligible(train, window, "training");
        var testClips = Eligible(test, window, "test");
        encoder.to(device);
        using var stats = Standardisation.Of(train, trainClips, config.Standardise, device);
        using var decoder = new MartinezDecoder(encoder.FeatureDim, PoseSize(train.Data), config.DecoderHidden, config.OutputInitBound, generator);
        decoder.to(device);
        var losses = Train(encoder, decoder, stats, train, trainClips, stream, config, generator, device, progress);
        var testStarts = TestStarts(test, testClips, window, config.TestSeed);
        var (perFrame, zeroVelocity, example) = Evaluate(encoder, decoder, stats, test, testClips, testStarts, stream, config, device, progress);
        return new MotionPredictionResult(perFrame.Average(), perFrame, zeroVelocity.Average(), zeroVelocity,
            trainClips.Length, testClips.Length, train.Count - trainClips.Length, test.Count - testClips.Length, losses, example);
    }

    /// <summary>
    /// MPJPE per predicted frame, in millimetres. predicted, truth: (N, C, P, V, M) in metres; present: (N, M) booleans,
    /// the bodies that count (null: all) → P values, each the mean over clips, joints and present bodies of
    /// ‖x̂ − x‖₂ · 1000 (NaN where no body is present).
    /// </summary>
    public static double[] Mpjpe(Tensor predicted, Tensor truth, Tensor? present = null)
    {
        using var scope = NewDisposeScope();
        present ??= ones(predicted.shape[0], predicted.shape[4], dtype: ScalarType.Bool, device: predicted.device);
        var (sums, count) = ErrorSums(predicted, truth, present);
        return [.. sums.data<double>().ToArray().Select(s => count > 0 ? s / count : double.NaN)];
    }

    /// <summary>
    /// Per-frame sums of the joint errors in mm, (P) float64 on the CPU, and the number of (clip, joint, body) terms in each
    /// frame's sum. predicted, truth: (N, C, P, V, M); present: (N, M) booleans.
    /// </summary>
    internal static (Tensor Sums, double Count) ErrorSums(Tensor predicted, Tensor truth, Tensor present)
    {
        if (predicted.dim() != 5 || !predicted.shape.SequenceEqual(truth.shape))
            throw new ArgumentException($"MPJPE needs predicted and true clips of one shape (N, C, P, V, M), got [{string.Join(", ", predicted.shape)}] and [{string.Join(", ", truth.shape)}]");
        if (present.dim() != 2 || present.shape[0] != predicted.shape[0] || present.shape[1] != predicted.shape[4])
            throw new ArgumentException($"MPJPE's present bodies must be ({predicted.shape[0]}, {predicted.shape[4]}), got [{string.Join(", ", present.shape)}]");
        using var scope = NewDisposeScope();
        var error = (predicted.to(ScalarType.Float64) - truth.to(ScalarType.Float64)).square().sum(1).sqrt() * MillimetresPerMetre;   // (N, P, V, M) ‖x̂ − x‖₂ in mm
        var weight = present.to(ScalarType.Float64).unsqueeze(1).unsqueeze(1);                                                  // (N, 1, 1, M)
        var sums = (error * weight).sum([0, 2, 3]).cpu();                                                                       // (P)
        double count = present.to(ScalarType.Float64).sum().item<double>() * predicted.shape[3];
        return (sums.MoveToOuterDisposeScope(), count);
    }

    /// <summary>Which bodies a window holds: (N, C, L, V, M) → (N, M) booleans, true where any value of the body is non-zero.</summary>
    public static Tensor Present(Tensor clips) => clips.abs().sum([1, 2, 3]) > 0;

    /// <summary>
    /// The windows of the given clips: data (N, C, T, V, M), clips the rows, starts the first frame of each window →
    /// (B, C, length, V, M), frames starts[b] … starts[b] + length − 1 of clip clips[b] (one gather, no per-clip loop).
    /// </summary>
    public static Tensor Cut(Tensor data, long[] clips, long[] starts, int length)
    {
        if (clips.Length != starts.Length) throw new ArgumentException($"{clips.Length} clips but {starts.Length} window starts");
        using var scope = NewDisposeScope();
        var rows = data.index_select(0, tensor(clips, device: data.device));                                   // (B, C, T, V, M)
        long b = rows.shape[0], c = rows.shape[1], t = rows.shape[2], v = rows.shape[3], m = rows.shape[4];
        if (starts.Any(s => s < 0 || s + length > t)) throw new ArgumentException($"a window of {length} frames must lie in the clips' {t} frames");
        var frames = tensor(starts, device: data.device).unsqueeze(1) + arange(length, dtype: ScalarType.Int64, device: data.device);   // (B, L)
        var index = frames.view(b, 1, length, 1, 1).expand(b, c, length, v, m);
        return rows.gather(2, index).MoveToOuterDisposeScope();
    }

    /// <summary>The zero-velocity prediction: the last seed frame held. seed: (N, C, S, V, M) → (N, C, P, V, M).</summary>
    public static Tensor ZeroVelocity(Tensor seed, int predicted)
    {
        long s = seed.shape[2];
        return seed.narrow(2, s - 1, 1).expand(-1, -1, predicted, -1, -1).contiguous();
    }

    /// <summary>
    /// The model's prediction of the frames after the seed: seed (N, C, S, V, M) raw joint clips → (N, C, P, V, M) in
    /// the same units. The encoder reads the seed through <paramref name="stream"/>; the decoder works on flat frames.
    /// </summary>
    internal static Tensor Predict(SkeletonEncoder encoder, MartinezDecoder decoder, Standardisation stats, Tensor seed, SkeletonStream stream, int predicted)
    {
        using var scope = NewDisposeScope();
        long n = seed.shape[0], c = seed.shape[1], s = seed.shape[2], v = seed.shape[3], m = seed.shape[4];
        var features = encoder.Features(Streams.Apply(stream, seed));                                 // f(seed)   (N, D)
        var last = GruEncoder.ToSequence(seed.narrow(2, s - 1, 1)).squeeze(1);                        // (N, V·C·M), index 6v + 2c + m
        var flat = stats.Restore(decoder.call(features, stats.Apply(last), predicted));               // (N, P, V·C·M)
        return flat.view(n, predicted, v, c, m).permute(0, 3, 1, 2, 4).contiguous().MoveToOuterDisposeScope();   // (N, C, P, V, M)
    }

    private static int PoseSize(Tensor data) => (int)(data.shape[1] * data.shape[3] * data.shape[4]);

    /// <summary>Indices of the clips with at least <paramref name="window"/> valid frames; none is an error naming the shortfall.</summary>
    private static long[] Eligible(SkeletonDataset data, int window, string part)
    {
        var clips = Enumerable.Range(0, data.Count).Where(i => data.Frames[i] >= window).Select(i => (long)i).ToArray();
        if (clips.Length == 0)
            throw new ArgumentException($"motion prediction: no {part} clip has the {window} valid frames a window needs " +
                                        $"({nameof(MotionPredictionConfig.SeedFrames)} + {nameof(MotionPredictionConfig.PredictedFrames)}); " +
                                        $"the longest has {(data.Count == 0 ? 0 : data.Frames.Max())} of {data.Data.shape[2]}");
        return clips;
    }

    /// <summary>Window starts uniform in [0, frames − window] per clip, from u ~ U[0, 1) of the generator.</summary>
    private static long[] Starts(SkeletonDataset data, long[] clips, int window, Generator g)
    {
        using var u = rand(clips.Length, dtype: ScalarType.Float64, generator: g);
        var draws = u.data<double>().ToArray();
        return [.. clips.Select((clip, i) => Math.Min(data.Frames[clip] - window, (long)Math.Floor(draws[i] * (data.Frames[clip] - window + 1))))];
    }

    /// <summary>The fixed test windows: one start per eligible test clip from a generator seeded with the config's test seed.</summary>
    internal static long[] TestStarts(SkeletonDataset test, long[] clips, int window, long seed)
    {
        using var g = new Generator((ulong)seed);
        return Starts(test, clips, window, g);
    }

    private static List<(int, double)> Train(SkeletonEncoder encoder, MartinezDecoder decoder, Standardisation stats, SkeletonDataset train,
        long[] clips, SkeletonStream stream, MotionPredictionConfig config, Generator generator, Device device, Action<EvaluationProgress>? progress)
    {
        int s = config.SeedFrames, p = config.PredictedFrames, window = s + p;
        var encoderParameters = encoder.parameters().ToList();
        var wasTrainable = encoderParameters.Select(q => q.requires_grad).ToArray();
        foreach (var q in encoderParameters) q.requires_grad = config.FineTuneEncoder;
        List<Parameter> parameters = [.. decoder.parameters(), .. config.FineTuneEncoder ? encoderParameters : []];
        var losses = new List<(int, double)>();
        try
        {
            using var optimizer = optim.SGD(parameters, config.LearningRate, momentum: config.Momentum);
            encoder.train(config.FineTuneEncoder);                                              // a frozen f keeps its BatchNorm statistics
            decoder.train();
            double sum = 0;
            int count = 0;
            for (int iteration = 1; iteration <= config.Iterations; iteration++)
            {
                using var scope = NewDisposeScope();
                foreach (var group in optimizer.ParamGroups) group.LearningRate = config.LearningRateAt(iteration);
                // Martinez's batches: random clips, each at a random window (drawn on the CPU from the protocol's generator).
                var pick = randint(0, clips.Length, [config.BatchSize], generator: generator, dtype: ScalarType.Int64).data<long>().ToArray();
                var batchClips = pick.Select(i => clips[i]).ToArray();
                var x = Cut(train.Data, batchClips, Starts(train, batchClips, window, generator), window).to(device);   // (B, C, S + P, V, M)
                var seed = x.narrow(2, 0, s);
                var features = config.FineTuneEncoder ? encoder.Features(Streams.Apply(stream, seed)) : FrozenFeatures(encoder, stream, seed);
                var last = GruEncoder.ToSequence(seed.narrow(2, s - 1, 1)).squeeze(1);                                  // (B, F)
                var predicted = decoder.call(features, stats.Apply(last), p);                                             // (B, P, F) standardised
                var target = stats.Apply(GruEncoder.ToSequence(x.narrow(2, s, p)));                                       // (B, P, F)
                var mask = BodyMask(Present(x), x.shape[1], x.shape[3]);                                                  // (B, 1, F)
                // Martinez's l2 loss: mean squared error over the predicted frames' values (of the bodies present).
                var loss = ((predicted - target).square() * mask).sum() / (mask.sum() * p).clamp_min(1);
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(parameters, config.GradientClipNorm);                                           // total L2 norm ≤ 5 (Martinez)
                optimizer.step();
                sum += loss.item<float>();
                count++;
                if (count == config.LogEvery || iteration == config.Iterations)
                {
                    losses.Add((iteration, sum / count));
                    progress?.Invoke(new EvaluationProgress("motion-prediction", "train", iteration, config.Iterations, sum / count));
                    sum = 0;
                    count = 0;
                }
            }
        }
        finally
        {
            for (int i = 0; i < encoderParameters.Count; i++) encoderParameters[i].requires_grad = wasTrainable[i];
            encoder.eval();
            decoder.eval();
        }
        return losses;
    }

    private static Tensor FrozenFeatures(SkeletonEncoder encoder, SkeletonStream stream, Tensor seed)
    {
        using var noGrad = no_grad();
        return encoder.Features(Streams.Apply(stream, seed)).detach();
    }

    /// <summary>present (B, M) → (B, 1, V·C·M) float weights in the 6v + 2c + m layout (index mod M is the body).</summary>
    private static Tensor BodyMask(Tensor present, long channels, long joints) =>
        present.to(ScalarType.Float32).unsqueeze(1).repeat(1, joints * channels, 1).view(present.shape[0], 1, -1);

    /// <summary>
    /// MPJPE per predicted frame of the model and of the zero-velocity baseline on the given test windows, in batches of
    /// <see cref="MotionPredictionConfig.EvalBatchSize"/> without gradients, and the first window as an example.
    /// </summary>
    internal static (double[] Model, double[] ZeroVelocity, MotionPredictionExample Example) Evaluate(SkeletonEncoder encoder, MartinezDecoder decoder,
        Standardisation stats, SkeletonDataset test, long[] clips, long[] starts, SkeletonStream stream, MotionPredictionConfig config, Device device,
        Action<EvaluationProgress>? progress)
    {
        int s = config.SeedFrames, p = config.PredictedFrames;
        bool encoderTraining = encoder.training, decoderTraining = decoder.training;
        encoder.eval();
        decoder.eval();
        try
        {
            using var noGrad = no_grad();
            using var outer = NewDisposeScope();
            var model = zeros(p, dtype: ScalarType.Float64);
            var baseline = zeros(p, dtype: ScalarType.Float64);
            double count = 0;
            MotionPredictionExample? example = null;
            int batches = (clips.Length + config.EvalBatchSize - 1) / config.EvalBatchSize;
            for (int b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                int from = b * config.EvalBatchSize, size = Math.Min(config.EvalBatchSize, clips.Length - from);
                var x = Cut(test.Data, clips[from..(from + size)], starts[from..(from + size)], s + p).to(device);   // (B, C, S + P, V, M)
                var seed = x.narrow(2, 0, s);
                var truth = x.narrow(2, s, p);
                var present = Present(x);
                var predicted = Predict(encoder, decoder, stats, seed, stream, p);                                     // (B, C, P, V, M)
                var hold = ZeroVelocity(seed, p);
                var (sums, n) = ErrorSums(predicted, truth, present);
                var (zeroSums, _) = ErrorSums(hold, truth, present);
                model.add_(sums);
                baseline.add_(zeroSums);
                count += n;
                example ??= Example(test.Names[clips[from]], x[0], predicted[0], hold[0], s);
                progress?.Invoke(new EvaluationProgress("motion-prediction", "test", b + 1, batches));
            }
            double[] Mean(Tensor sums) => [.. sums.data<double>().ToArray().Select(v => count > 0 ? v / count : double.NaN)];
            return (Mean(model), Mean(baseline), example!);
        }
        finally
        {
            encoder.train(encoderTraining);
            decoder.train(decoderTraining);
        }
    }

    /// <summary>The last seed frames (at most 10) then the future, true and predicted, of one window (C, S + P, V, M).</summary>
    private static MotionPredictionExample Example(string name, Tensor window, Tensor predicted, Tensor hold, int seedFrames)
    {
        int shown = Math.Min(seedFrames, 10);
        var tail = window.narrow(1, seedFrames - shown, shown);
        float[] Flat(Tensor future) => cat([tail, future], 1).to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        long c = window.shape[0], v = window.shape[2], m = window.shape[3];
        return new MotionPredictionExample(name, (int)c, shown + (int)predicted.shape[1], (int)v, (int)m, shown,
            Flat(window.narrow(1, seedFrames, predicted.shape[1])), Flat(predicted), Flat(hold));
    }
}
