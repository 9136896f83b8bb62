using SkeletonSsl.Training;
using SkeletonSsl.Augmentations;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Linear evaluation (AimCLR §4.2 "Linear Evaluation Protocol"; spec/aimclr.md §7, §8.2;
/// spec/pcm3.md §8.1): a Linear(FeatureDim, classes) classifier trained with cross-entropy on a
/// frozen encoder kept in eval mode (BN running statistics, no dropout).
/// <para>
/// Without a training augmentation (AimCLR: none), the frozen encoder's features of each clip are
/// the same in every epoch, so they are extracted once (<see cref="FeatureExtraction"/>) and the
/// classifier is trained on the cached features — the same mathematics as running the frozen
/// encoder every step, one forward pass per clip instead of one per epoch. With one (CMD: a random
/// [0.5, 1] crop resized to 64 frames, spec/pcm3.md §8) every training batch is augmented afresh
/// and encoded again (eval mode, no gradients), as the reference's loader does. The test split,
/// through its optional test transform (CMD: the 0.95 centre crop), is encoded once. The reported
/// Top1 is the best of the checks every EvalEvery epochs, as the reference does, and its test
/// logits are kept by sample name for three-stream fusion.
/// </para>
/// </summary>
public static class LinearProbe
{
    /// <summary>
    /// Encodes both splits in the given stream (through the config's crops) and trains the
    /// classifier. With installHead the best check's classifier is put on the encoder
    /// (<see cref="SkeletonEncoder.SetHead"/>), so encoder.forward then gives class logits (e.g. for
    /// the occlusion protocol). The training augmentation draws from <paramref name="generator"/>.
    /// </summary>
    public static ClassifierResult Run(SkeletonEncoder encoder, SkeletonDataset train, SkeletonDataset test, SkeletonStream stream,
        LinearProbeConfig config, Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null, bool installHead = false)
    {
        device ??= Devices.Default;
        var augmentation = EvaluationInputs.Resolve(config.TrainAugmentation, $"{nameof(LinearProbeConfig)}.{nameof(LinearProbeConfig.TrainAugmentation)}");
        var testTransform = EvaluationInputs.Resolve(config.TestTransform, $"{nameof(LinearProbeConfig)}.{nameof(LinearProbeConfig.TestTransform)}");
        int numClasses = Math.Max(train.NumClasses, test.NumClasses);
        (ClassifierResult Result, nn.Module<Tensor, Tensor> Head) trained;
        if (augmentation is null)
        {
            using var trainFeatures = FeatureExtraction.Extract(encoder, train, stream, device, config.FeatureBatchSize, progress, "linear", testTransform);
            using var testFeatures = FeatureExtraction.Extract(encoder, test, stream, device, config.FeatureBatchSize, progress, "linear", testTransform);
            trained = Train(trainFeatures, train.Labels, testFeatures, test.Labels, test.Names, numClasses, stream, config, generator, device, progress);
        }
        else
        {
            using var testFeatures = FeatureExtraction.Extract(encoder, test, stream, device, config.FeatureBatchSize, progress, "linear", testTransform);
            bool wasTraining = encoder.training;
            encoder.to(device);
            encoder.eval();                                                                      // frozen: BN running statistics, no dropout
            try
            {
                trained = TrainHead(idx =>
                {
                    using var noGrad = no_grad();
                    var x = EvaluationInputs.Batch(train, idx, device, stream, augmentation, generator);   // a fresh crop per batch
                    return encoder.Features(x).to(ScalarType.Float32);                           // (B, D), no graph into the encoder
                }, encoder.FeatureDim, train.Labels, testFeatures, test.Labels, test.Names, numClasses, stream, config, generator, device, progress);
            }
            finally
            {
                encoder.train(wasTraining);
            }
        }
        if (installHead) encoder.SetHead(trained.Head);
        else trained.Head.Dispose();
        return trained.Result;
    }

    /// <summary>
    /// Trains the classifier on cached features. trainFeatures: (N_train, D); testFeatures: (N_test, D).
    /// Returns the result and the classifier holding the best check's weights (the caller owns it).
    /// </summary>
    public static (ClassifierResult Result, nn.Module<Tensor, Tensor> Head) Train(
        Tensor trainFeatures, IReadOnlyList<long> trainLabels, Tensor testFeatures, IReadOnlyList<long> testLabels, IReadOnlyList<string> testNames,
        int numClasses, SkeletonStream stream, LinearProbeConfig config, Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null)
    {
        device ??= Devices.Default;
        if (trainFeatures.shape[1] != testFeatures.shape[1]) throw new ArgumentException($"feature widths differ: {trainFeatures.shape[1]} vs {testFeatures.shape[1]}");
        using var xTrain = trainFeatures.to(ScalarType.Float32).to(device);   // (N_train, D), cached on the device
        var target = device;
        return TrainHead(idx => xTrain.index_select(0, idx.to(target)), (int)trainFeatures.shape[1], trainLabels, testFeatures, testLabels, testNames,
            numClasses, stream, config, generator, device, progress);
    }

    /// <summary>The classifier loop over training features given per batch: indices (B) on the CPU → (B, D) on the device.</summary>
    private static (ClassifierResult Result, nn.Module<Tensor, Tensor> Head) TrainHead(
        Func<Tensor, Tensor> trainFeatures, int featureDim, IReadOnlyList<long> trainLabels, Tensor testFeatures, IReadOnlyList<long> testLabels,
        IReadOnlyList<string> testNames, int numClasses, SkeletonStream stream, LinearProbeConfig config, Generator generator, Device device,
        Action<EvaluationProgress>? progress)
    {
        if (testFeatures.shape[1] != featureDim) throw new ArgumentException($"feature widths differ: {featureDim} vs {testFeatures.shape[1]}");
        using var xTest = testFeatures.to(ScalarType.Float32).to(device);     // (N_test, D)
        var head = ClassifierHead.Create(featureDim, numClasses, config.HeadInit, generator, device);
        var bestState = new Dictionary<string, Tensor>();
        try
        {
            var loop = new ClassifierTraining
            {
                Protocol = "linear",
                Stream = stream,
                Recipe = config.Recipe,
                Device = device,
                Parameters = head.parameters(),
                Forward = (idx, training) => head.call(training ? trainFeatures(idx) : xTest.index_select(0, idx.to(device))),
                SetTraining = _ => { },
                Progress = progress,
                OnBest = _ =>
                {
                    foreach (var t in bestState.Values) t.Dispose();
                    bestState = head.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
                },
            };
            var result = loop.Run(trainLabels, testLabels, testNames, generator);
            head.load_state_dict(bestState);
            return (result, head);
        }
        catch
        {
            head.Dispose();
            throw;
        }
        finally
        {
            foreach (var t in bestState.Values) t.Dispose();
        }
    }
}
