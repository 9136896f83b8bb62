
namespace SkeletonSsl.Evaluation;

/// <summary>
/// The SGD recipe of a supervised evaluation protocol. Epochs are 1-based; the learning rate of
/// epoch e is base · Gamma^{#(milestones &lt; e)} (AimCLR: lr 3.0 for epochs 1–80, 0.3 for 81–100,
/// spec/aimclr.md §8.2; CMD's MultiStepLR [50, 70] is the same rule), times e / WarmupEpochs during
/// a linear warm-up. The test split is evaluated every EvalEvery epochs and after the last.
/// The defaults are AimCLR's linear evaluation (spec/aimclr.md §8.2).
/// </summary>
public sealed record TrainingRecipe
{
    public int Epochs { get; init; } = 100;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 3.0;
    public IReadOnlyList<int> Milestones { get; init; } = [80];
    public double Gamma { get; init; } = 0.1;
    public double Momentum { get; init; } = 0.9;
    public bool Nesterov { get; init; }
    public double WeightDecay { get; init; }
    public int WarmupEpochs { get; init; }
    public int EvalEvery { get; init; } = 5;

    /// <summary>Skip the incomplete last training batch, as the reference loaders (drop_last=True).</summary>
    public bool DropLast { get; init; } = true;

    /// <summary>Learning rate of the 1-based epoch.</summary>
    public double LearningRateAt(int epoch)
    {
        double lr = LearningRate * Math.Pow(Gamma, Milestones.Count(m => epoch > m));
        return WarmupEpochs > 0 && epoch <= WarmupEpochs ? lr * epoch / WarmupEpochs : lr;
    }

    /// <summary>Whether the test split is evaluated after the 1-based epoch.</summary>
    public bool EvaluatesAfter(int epoch) => epoch % EvalEvery == 0 || epoch == Epochs;

    /// <summary>
    /// The recipe at a profile: Paper unchanged; Quick 30 and Smoke 10 epochs, with milestones and
    /// warm-up scaled in proportion so the schedule keeps its shape.
    /// </summary>
    public TrainingRecipe For(Profile profile)
    {
        int epochs = profile switch { Profile.Smoke => 10, Profile.Quick => 30, _ => Epochs };
        if (epochs >= Epochs) return this;
        double ratio = (double)epochs / Epochs;
        return this with
        {
            Epochs = epochs,
            Milestones = Milestones.Select(m => Math.Max(1, (int)Math.Round(m * ratio))).ToArray(),
            WarmupEpochs = WarmupEpochs == 0 ? 0 : Math.Max(1, (int)Math.Round(WarmupEpochs * ratio)),
        };
    }

    internal void Validate()
    {
        if (Epochs < 1 || BatchSize < 1 || EvalEvery < 1) throw new ArgumentException($"epochs, batch size and eval interval must be positive (got {Epochs}, {BatchSize}, {EvalEvery})");
        if (LearningRate <= 0) throw new ArgumentException($"learning rate must be positive, got {LearningRate}");
    }
}
