using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Fine-tuning evaluation (AimCLR §4.2 "Finetune Protocol"; spec/aimclr.md §7): a new
/// Linear(FeatureDim, classes) head is put on the encoder and all parameters are trained with
/// cross-entropy on the labelled split, the stream transform applied to each batch, no
/// augmentation. AimCLR keeps a pre-trained model in eval mode throughout (BN statistics frozen);
/// CMD, and supervised training of a random-init encoder (<see cref="FineTuneConfig.Supervised"/>),
/// train in train mode (<see cref="FineTuneConfig.EvalModeDuringTraining"/>); tests always run in
/// eval mode. The test split is
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
        device ??= Kit.DefaultDevice;
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
            Forward = (idx, training) =>
            {
                var data = training ? train.Data : test.Data;
                return encoder.call(Streams.Apply(stream, data.index_select(0, idx).to(device)));   // (B, C, T, V, M) → (B, classes)
            },
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
