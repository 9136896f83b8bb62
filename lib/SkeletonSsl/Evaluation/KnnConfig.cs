namespace SkeletonSsl.Evaluation;

/// <summary>
/// KNN settings. The defaults are the InstDisc monitor's (K = 200, τ = 0.07, weighted votes);
/// <see cref="Retrieval"/> is the CMD/A2MC/PCM3 1-NN protocol (spec/pcm3.md §8.2).
/// ChunkSize only bounds memory: test rows per similarity block.
/// </summary>
public sealed record KnnConfig
{
    public int K { get; init; } = 200;
    public double Temperature { get; init; } = 0.07;
    public KnnVoting Voting { get; init; } = KnnVoting.Weighted;
    public int ChunkSize { get; init; } = 1024;

    /// <summary>1-nearest-neighbour retrieval: the label of the most similar training clip.</summary>
    public static KnnConfig Retrieval => new() { K = 1, Voting = KnnVoting.Majority };

    /// <summary>The same protocol at every profile (KNN has no training to shorten).</summary>
    public KnnConfig For(SkeletonSsl.Profile profile) => this;
}
