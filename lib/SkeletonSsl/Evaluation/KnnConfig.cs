namespace SkeletonSsl.Evaluation;

/// <summary>
/// KNN settings. The defaults are the InstDisc monitor's (K = 200, τ = 0.07, weighted votes);
/// <see cref="Retrieval"/> is the CMD/A2MC/PCM3 1-NN protocol (spec/pcm3.md §8.2) and <see cref="Cmd"/>
/// the same on CMD's 0.95 centre crops of both splits. ChunkSize only bounds memory: test rows per
/// similarity block.
/// </summary>
public sealed record KnnConfig
{
    public int K { get; init; } = 200;
    public double Temperature { get; init; } = 0.07;
    public KnnVoting Voting { get; init; } = KnnVoting.Weighted;
    public int ChunkSize { get; init; } = 1024;

    /// <summary>
    /// A deterministic preset (<see cref="Augmentations.AugmentationPresets"/>) applied to the clips of
    /// both the training bank and the test split before encoding, e.g. <c>cmd-test</c>. Null: none.
    /// </summary>
    public string? TestTransform { get; init; }

    /// <summary>1-nearest-neighbour retrieval: the label of the most similar training clip.</summary>
    public static KnnConfig Retrieval => new() { K = 1, Voting = KnnVoting.Majority };

    /// <summary>
    /// CMD's retrieval (spec/pcm3.md §8.2, spec/a2mc.md §5.3): 1-NN by cosine on L2-normalised
    /// features of the 0.95 centre crop resized to 64 frames, for the training bank and the test clips.
    /// </summary>
    public static KnnConfig Cmd => Retrieval with { TestTransform = "cmd-test" };

    /// <summary>The same protocol at every profile (KNN has no training to shorten).</summary>
    public KnnConfig For(SkeletonSsl.Profile profile) => this;
}
