using SkeletonSsl.Training;
using SkeletonSsl.Augmentations;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Backbone features of a whole split, computed once: the encoder in eval mode (BN running
/// statistics, no dropout), no gradients, an optional test-time transform (e.g. CMD's 0.95 centre
/// crop resized to 64 frames, reading each clip's valid frames) and then the stream transform
/// applied to each batch on the device. This is what the KNN, linear-probe and t-SNE protocols consume.
/// </summary>
public static class FeatureExtraction
{
    /// <summary>
    /// Features of every clip. Returns (N, FeatureDim) float32 on the CPU, in dataset order.
    /// The encoder is moved to <paramref name="device"/> and its training flag restored afterwards.
    /// </summary>
    /// <param name="transform">Applied to each batch before the stream; its draws come from one generator seeded with 0.</param>
    public static Tensor Extract(SkeletonEncoder encoder, SkeletonDataset data, SkeletonStream stream,
        Device? device = null, int batchSize = 256, Action<EvaluationProgress>? progress = null, string protocol = "features",
        IAugmentation? transform = null)
    {
        device ??= Devices.Default;
        bool wasTraining = encoder.training;
        encoder.to(device);
        encoder.eval();
        try
        {
            using var outer = NewDisposeScope();
            int steps = Batches.Count(data.Count, batchSize, dropLast: false), step = 0;
            var parts = new List<Tensor>();
            using var g = new Generator(EvaluationInputs.TestSeed);
            using (no_grad())
            {
                foreach (var idx in Batches.Of(data.Count, batchSize))
                {
                    using var scope = NewDisposeScope();
                    var x = EvaluationInputs.Batch(data, idx, device, stream, transform, g);          // (B, C, T', V, M)
                    parts.Add(encoder.Features(x).to(ScalarType.Float32).cpu().MoveToOuterDisposeScope());  // (B, D)
                    progress?.Invoke(new EvaluationProgress(protocol, "features", ++step, steps));
                }
            }
            var features = parts.Count > 0 ? cat(parts, 0) : zeros(0, encoder.FeatureDim);
            return features.DetachFromDisposeScope();
        }
        finally
        {
            encoder.train(wasTraining);
        }
    }
}
