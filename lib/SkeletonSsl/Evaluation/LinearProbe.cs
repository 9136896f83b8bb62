using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Linear evaluation (AimCLR §4.2 "Linear Evaluation Protocol"; spec/aimclr.md §7, §8.2;
/// spec/pcm3.md §8.1): a Linear(FeatureDim, classes) classifier trained with cross-entropy on a
/// frozen encoder kept in eval mode (BN running statistics, no dropout), no augmentation.
/// <para>
/// Implementation: because the encoder is frozen, in eval mode and sees no augmentation, its
/// features of each clip are the same in every epoch. They are therefore extracted once
/// (<see cref="FeatureExtraction"/>) and the classifier is trained on the cached features — the
/// same mathematics as running the frozen encoder every step, one forward pass per clip instead
/// of one per epoch. The reported Top1 is the best of the checks every EvalEvery epochs, as the
/// reference does, and its test logits are kept by sample name for three-stream fusion.
/// </para>
/// </summary>
public static class LinearProbe
{
    /// <summary>
    /// Extracts features of both splits in the given stream and trains the classifier. With
    /// installHead the best check's classifier is put on the encoder (<see cref="SkeletonEncoder.SetHead"/>),
    /// so encoder.forward then gives class logits (e.g. for the occlusion protocol).
    /// </summary>
    public static ClassifierResult Run(SkeletonEncoder encoder, SkeletonDataset train, SkeletonDataset test, SkeletonStream stream,
        LinearProbeConfig config, Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null, bool installHead = false)
    {
        device ??= Kit.DefaultDevice;
        using var trainFeatures = FeatureExtraction.Extract(encoder, train, stream, device, config.FeatureBatchSize, progress, "linear");
        using var testFeatures = FeatureExtraction.Extract(encoder, test, stream, device, config.FeatureBatchSize, progress, "linear");
        var (result, head) = Train(trainFeatures, train.Labels, testFeatures, test.Labels, test.Names,
            Math.Max(train.NumClasses, test.NumClasses), stream, config, generator, device, progress);
        if (installHead) encoder.SetHead(head);
        else head.Dispose();
        return result;
    }

    /// <summary>
    /// Trains the classifier on cached features. trainFeatures: (N_train, D); testFeatures: (N_test, D).
    /// Returns the result and the classifier holding the best check's weights (the caller owns it).
    /// </summary>
    public static (ClassifierResult Result, nn.Module<Tensor, Tensor> Head) Train(
        Tensor trainFeatures, IReadOnlyList<long> trainLabels, Tensor testFeatures, IReadOnlyList<long> testLabels, IReadOnlyList<string> testNames,
        int numClasses, SkeletonStream stream, LinearProbeConfig config, Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null)
    {
        device ??= Kit.DefaultDevice;
        if (trainFeatures.shape[1] != testFeatures.shape[1]) throw new ArgumentException($"feature widths differ: {trainFeatures.shape[1]} vs {testFeatures.shape[1]}");
        int featureDim = (int)trainFeatures.shape[1];
        using var xTrain = trainFeatures.to(ScalarType.Float32).to(device);   // (N_train, D), cached on the device
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
                Forward = (idx, training) => head.call((training ? xTrain : xTest).index_select(0, idx.to(device))),
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
