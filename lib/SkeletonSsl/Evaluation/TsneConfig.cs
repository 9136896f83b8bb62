
namespace SkeletonSsl.Evaluation;

/// <summary>
/// Exact t-SNE settings; the defaults are scikit-learn's (≥ 1.2): 2 components, perplexity 30,
/// early exaggeration 12 for the first 250 iterations at momentum 0.5, then momentum 0.8 up to
/// 1000 iterations, learning rate "auto" = max(N / 12 / 4, 50) (null here), PCA initialisation,
/// min gradient norm 1e-7, 300 iterations without progress. The figure protocol is a [recon]
/// (spec/aimclr.md §9): test split, pooled backbone features, Classes randomly chosen classes,
/// at most MaxPoints clips (the exact method is O(N²) in time and memory).
/// </summary>
public sealed record TsneConfig
{
    public int Components { get; init; } = 2;
    public double Perplexity { get; init; } = 30;
    public double EarlyExaggeration { get; init; } = 12;
    public int ExaggerationIterations { get; init; } = 250;
    public int Iterations { get; init; } = 1000;
    public double? LearningRate { get; init; }
    public bool PcaInit { get; init; } = true;
    public double MinGradNorm { get; init; } = 1e-7;
    public int IterationsWithoutProgress { get; init; } = 300;
    public int Classes { get; init; } = 10;
    public int MaxPoints { get; init; } = 3000;

    /// <summary>Smoke: 300 iterations and 300 points; Quick: 1000 points; Paper: the defaults.</summary>
    public TsneConfig For(Profile profile) => profile switch
    {
        Profile.Smoke => this with { Iterations = 300, ExaggerationIterations = 100, MaxPoints = 300 },
        Profile.Quick => this with { MaxPoints = 1000 },
        _ => this,
    };
}
