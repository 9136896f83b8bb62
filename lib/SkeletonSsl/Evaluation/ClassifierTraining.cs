using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// The supervised loop shared by the linear probe, semi-supervised and fine-tuning protocols:
/// SGD with the recipe's schedule, cross-entropy, optional gradient-norm clipping, a test pass
/// every EvalEvery epochs and after the last, and the best check's logits kept by sample name.
/// The caller supplies how a batch of indices becomes logits, so one loop serves cached features
/// and full encoders alike.
/// </summary>
internal sealed class ClassifierTraining
{
    public required string Protocol { get; init; }
    public required SkeletonStream Stream { get; init; }
    public required TrainingRecipe Recipe { get; init; }
    public required Device Device { get; init; }
    public required IEnumerable<TorchSharp.Modules.Parameter> Parameters { get; init; }

    /// <summary>(indices (B) int64 on the CPU, training?) → logits (B, classes) on the device.</summary>
    public required Func<Tensor, bool, Tensor> Forward { get; init; }

    /// <summary>Puts the trained modules into their training-time or test-time mode.</summary>
    public required Action<bool> SetTraining { get; init; }

    public double? GradientClipNorm { get; init; }
    public int TestBatchSize { get; init; } = 256;
    public Action<EvaluationProgress>? Progress { get; init; }

    /// <summary>Called when a check beats the best so far (e.g. to keep the head's weights).</summary>
    public Action<int>? OnBest { get; init; }

    public ClassifierResult Run(IReadOnlyList<long> trainLabels, IReadOnlyList<long> testLabels, IReadOnlyList<string> testNames, Generator generator)
    {
        Recipe.Validate();
        if (trainLabels.Count == 0) throw new ArgumentException($"{Protocol}: the training split is empty");
        if (testNames.Count != testLabels.Count) throw new ArgumentException($"{Protocol}: {testNames.Count} test names but {testLabels.Count} labels");
        var parameters = Parameters.ToList();
        using var optimizer = optim.SGD(parameters, Recipe.LearningRate, momentum: Recipe.Momentum, weight_decay: Recipe.WeightDecay, nesterov: Recipe.Nesterov);
        using var trainY = tensor(trainLabels.ToArray(), device: Device);
        using var testY = tensor(testLabels.ToArray());
        var history = new List<EvaluationCheck>();
        EvaluationCheck? best = null;
        IReadOnlyDictionary<string, float[]> bestLogits = new Dictionary<string, float[]>();
        int steps = Batches.Count(trainLabels.Count, Recipe.BatchSize, Recipe.DropLast);

        for (int epoch = 1; epoch <= Recipe.Epochs; epoch++)
        {
            double lr = Recipe.LearningRateAt(epoch);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            SetTraining(true);
            double lossSum = 0;
            int batches = 0;
            foreach (var idx in Batches.Of(trainLabels.Count, Recipe.BatchSize, generator, Recipe.DropLast))
            {
                using var scope = NewDisposeScope();
                var logits = Forward(idx, true);                                                     // (B, classes)
                var loss = nn.functional.cross_entropy(logits, trainY.index_select(0, idx.to(Device)));
                optimizer.zero_grad();
                loss.backward();
                if (GradientClipNorm is { } clip) nn.utils.clip_grad_norm_(parameters, clip);       // total L2 norm ≤ clip (semi, spec/aimclr.md §7)
                optimizer.step();
                lossSum += loss.item<float>();
                batches++;
            }
            double meanLoss = lossSum / Math.Max(1, batches);
            Progress?.Invoke(new EvaluationProgress(Protocol, "train", epoch, Recipe.Epochs, meanLoss, best?.Top1));
            if (!Recipe.EvaluatesAfter(epoch)) continue;

            using var testScope = NewDisposeScope();
            var testLogits = Test(testLabels.Count);
            var check = new EvaluationCheck(epoch, Metrics.TopKAccuracy(testLogits, testY, 1), Metrics.TopKAccuracy(testLogits, testY, 5), meanLoss, lr);
            history.Add(check);
            if (best is null || check.Top1 > best.Top1)
            {
                best = check;
                bestLogits = KeyByName(testLogits, testNames);
                OnBest?.Invoke(epoch);
            }
            Progress?.Invoke(new EvaluationProgress(Protocol, "test", epoch, Recipe.Epochs, meanLoss, check.Top1));
        }

        var last = history[^1];
        return new ClassifierResult(Protocol, Stream, best!.Top1, best.Top5, best.Epoch, last.Top1, last.Top5,
            trainLabels.Count, testLabels.Count, history, bestLogits,
            testNames.Select((n, i) => (n, l: testLabels[i])).ToDictionary(p => p.n, p => p.l));
    }

    /// <summary>Test logits of the whole split in order: (N_test, classes) float32 on the CPU.</summary>
    private Tensor Test(int count)
    {
        SetTraining(false);
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        foreach (var idx in Batches.Of(count, TestBatchSize))
        {
            using var scope = NewDisposeScope();
            parts.Add(Forward(idx, false).to(ScalarType.Float32).cpu().MoveToOuterDisposeScope());
        }
        return cat(parts, 0);
    }

    private static Dictionary<string, float[]> KeyByName(Tensor logits, IReadOnlyList<string> names)
    {
        var flat = logits.contiguous().data<float>().ToArray();
        int c = (int)logits.shape[1];
        var byName = new Dictionary<string, float[]>(names.Count);
        for (int i = 0; i < names.Count; i++)
            if (!byName.TryAdd(names[i], flat.AsSpan(i * c, c).ToArray()))
                throw new ArgumentException($"sample name '{names[i]}' occurs twice in the test split; logits are keyed by name");
        return byName;
    }
}
