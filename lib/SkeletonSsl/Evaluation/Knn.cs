using SkeletonSsl.Training;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// KNN classification and 1-NN action retrieval on frozen features (AimCLR §4.2 "KNN evaluation
/// protocol"; spec/pcm3.md §8.2, spec/a2mc.md §5.3). Features are L2-normalised, similarity is the
/// cosine (a dot product), and each test clip votes over its K most similar training clips:
/// <list type="bullet">
/// <item>Weighted: as the InstDisc kNN monitor (Wu et al. 2018) that later SSL code copies — class
/// score = Σ over neighbours of that class of exp(s / τ), K = 200, τ = 0.07.</item>
/// <item>Majority: one vote per neighbour; ties go to the class with the larger summed similarity.
/// With K = 1 this is the CMD / A2MC / PCM3 retrieval protocol: the nearest training clip's label.</item>
/// </list>
/// The similarity matrix is computed in chunks of test rows, so memory stays O(chunk · N_train).
/// </summary>
public static class Knn
{
    /// <summary>Extracts features of both splits (eval mode, the config's test transform, the given stream) and classifies the test split.</summary>
    public static KnnResult Evaluate(SkeletonEncoder encoder, SkeletonDataset train, SkeletonDataset test, SkeletonStream stream,
        KnnConfig? config = null, Device? device = null, Action<EvaluationProgress>? progress = null)
    {
        config ??= new KnnConfig();
        device ??= Devices.Default;
        var transform = EvaluationInputs.Resolve(config.TestTransform, $"{nameof(KnnConfig)}.{nameof(KnnConfig.TestTransform)}");
        using var trainFeatures = FeatureExtraction.Extract(encoder, train, stream, device, progress: progress, protocol: "knn", transform: transform);   // the bank, cropped as the test clips
        using var testFeatures = FeatureExtraction.Extract(encoder, test, stream, device, progress: progress, protocol: "knn", transform: transform);
        return Classify(trainFeatures, train.Labels, testFeatures, test.Labels, Math.Max(train.NumClasses, test.NumClasses), config, device);
    }

    /// <summary>
    /// Classifies test features by their neighbours among training features.
    /// trainFeatures: (N_train, D); testFeatures: (N_test, D); any device; normalised here.
    /// </summary>
    public static KnnResult Classify(Tensor trainFeatures, IReadOnlyList<long> trainLabels, Tensor testFeatures, IReadOnlyList<long> testLabels,
        int numClasses, KnnConfig? config = null, Device? device = null)
    {
        config ??= new KnnConfig();
        device ??= trainFeatures.device;
        if (trainFeatures.shape[0] != trainLabels.Count) throw new ArgumentException($"{trainFeatures.shape[0]} training features but {trainLabels.Count} labels");
        if (testFeatures.shape[0] != testLabels.Count) throw new ArgumentException($"{testFeatures.shape[0]} test features but {testLabels.Count} labels");
        if (trainFeatures.shape[0] == 0) throw new ArgumentException("the training split is empty");
        int k = (int)Math.Min(config.K, trainFeatures.shape[0]);

        using var outer = NewDisposeScope();
        var bank = nn.functional.normalize(trainFeatures.to(ScalarType.Float32).to(device), dim: 1);  // (N_train, D)
        var bankLabels = tensor(trainLabels.ToArray(), device: device);                                // (N_train)
        var queries = nn.functional.normalize(testFeatures.to(ScalarType.Float32).to(device), dim: 1); // (N_test, D)
        var scores = new List<Tensor>();
        for (long start = 0; start < queries.shape[0]; start += config.ChunkSize)
        {
            using var scope = NewDisposeScope();
            var q = queries.narrow(0, start, Math.Min(config.ChunkSize, queries.shape[0] - start));   // (B, D)
            var (sim, idx) = q.matmul(bank.t()).topk(k, dim: 1);                                        // (B, K) cosine, index
            var neighbourLabels = bankLabels.index_select(0, idx.flatten()).view(idx.shape);            // (B, K)
            var oneHot = nn.functional.one_hot(neighbourLabels, numClasses).to(ScalarType.Float32);   // (B, K, C)
            Tensor weight = config.Voting == KnnVoting.Weighted
                ? (sim / config.Temperature).exp()                                                      // InstDisc: exp(s/τ)
                : 1 + sim / (2 * k + 2);                                                                // one vote; |Σ s| < K breaks ties only
            scores.Add((oneHot * weight.unsqueeze(2)).sum(1).cpu().MoveToOuterDisposeScope());          // (B, C)
        }
        var all = scores.Count > 0 ? cat(scores, 0) : zeros(0, numClasses);
        var labels = tensor(testLabels.ToArray());
        return new KnnResult(config.K, config.Voting, config.Temperature,
            Metrics.TopKAccuracy(all, labels, 1), Metrics.TopKAccuracy(all, labels, 5),
            testLabels.Count, Metrics.Predictions(all));
    }

    /// <summary>
    /// The k most similar training clips of every test clip (cosine on normalised features), for
    /// retrieval figures. Returns (indices (N_test, k) int64, similarities (N_test, k)) on the CPU.
    /// </summary>
    public static (Tensor Indices, Tensor Similarities) Neighbours(Tensor trainFeatures, Tensor testFeatures, int k, Device? device = null, int chunkSize = 1024)
    {
        device ??= trainFeatures.device;
        using var outer = NewDisposeScope();
        var bank = nn.functional.normalize(trainFeatures.to(ScalarType.Float32).to(device), dim: 1);
        var queries = nn.functional.normalize(testFeatures.to(ScalarType.Float32).to(device), dim: 1);
        int kk = (int)Math.Min(k, bank.shape[0]);
        var sims = new List<Tensor>();
        var idxs = new List<Tensor>();
        for (long start = 0; start < queries.shape[0]; start += chunkSize)
        {
            var (s, i) = queries.narrow(0, start, Math.Min(chunkSize, queries.shape[0] - start)).matmul(bank.t()).topk(kk, dim: 1);
            sims.Add(s.cpu());
            idxs.Add(i.cpu());
        }
        return (cat(idxs, 0).DetachFromDisposeScope(), cat(sims, 0).DetachFromDisposeScope());
    }
}
