using SkeletonSsl.Training;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Fine-tuning evaluation (AimCLR §4.2 "Finetune Protocol"; spec/aimclr.md §7): a new
/// Linear(FeatureDim, classes) head is put on the encoder and all parameters are trained with
/// cross-entropy on the labelled split, the stream transform applied to each batch after the
/// config's optional crops (<see cref="FineTuneConfig.TrainAugmentation"/> drawn afresh per training
/// batch from the protocol's generator, <see cref="FineTuneConfig.TestTransform"/> on the test clips;
/// AimCLR: none, CMD: spec/pcm3.md §8). AimCLR keeps a pre-trained model in eval mode throughout (BN
/// statistics frozen); CMD, and supervised training of a random-init encoder (<see cref="FineTuneConfig.Supervised"/>),
/// train in train mode (<see cref="FineTuneConfig.EvalModeDuringTraining"/>); tests always run in eval mode. The test split is
/// checked every EvalEvery epochs; the best check is reported, as the reference does.
/// The encoder is trained in place and keeps the new head: pass a copy to keep the pre-trained weights.
/// </summary>
public static class FineTune
{
    public static ClassifierResult Run(SkeletonEncoder encoder, SkeletonDataset train, SkeletonDataset test, SkeletonStream stream,
        FineTuneConfig config, Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null) =>
        Run("finetune", encoder, train, test, stream, config, generator, device, progress);

    internal static ClassifierResult Run(string protocol, SkeletonEncoder encoder, SkeletonDataset train, SkeletonDataset test, SkeletonStream stream,
        FineTuneConfig config, Generator generator, Device? device, Action<EvaluationProgress>? progress)
    {
        device ??= Devices.Default;
        var augmentation = EvaluationInputs.Resolve(config.TrainAugmentation, $"{nameof(FineTuneConfig)}.{nameof(FineTuneConfig.TrainAugmentation)}");
        var testTransform = EvaluationInputs.Resolve(config.TestTransform, $"{nameof(FineTuneConfig)}.{nameof(FineTuneConfig.TestTransform)}");
        using var testGenerator = new Generator(EvaluationInputs.TestSeed);                   // a test transform's draws, if it has any
        int numClasses = Math.Max(train.NumClasses, test.NumClasses);
        encoder.to(device);
        encoder.SetHead(ClassifierHead.Create(encoder.FeatureDim, numClasses, config.HeadInit, generator, device));
        foreach (var p in encoder.parameters()) p.requires_grad = true;
        var loop = new ClassifierTraining
        {
            Protocol = protocol,
            Stream = stream,
            Recipe = config.Recipe,
            Device = device,
            Parameters = encoder.parameters(),
            GradientClipNorm = config.GradientClipNorm,
            Forward = (idx, training) => encoder.call(training                                      // (B, C, T', V, M) → (B, classes)
                ? EvaluationInputs.Batch(train, idx, device, stream, augmentation ?? testTransform, generator)
                : EvaluationInputs.Batch(test, idx, device, stream, testTransform, testGenerator)),
            SetTraining = training => encoder.train(training && !config.EvalModeDuringTraining),
            Progress = progress,
        };
        try
        {
            return loop.Run(train.Labels, test.Labels, test.Names, generator);
        }
        finally
        {
            encoder.eval();
        }
    }
}
