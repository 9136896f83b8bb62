namespace SkeletonSsl.Training;

/// <summary>
/// Optimiser, schedule and checkpoint settings of a pre-training run. Defaults are AimCLR's
/// (spec/aimclr.md §8.1): SGD with momentum 0.9 and no Nesterov, weight decay 1e-4 on every
/// parameter, batch 128 (drop_last), lr 0.1 for epochs 1-250 and 0.01 for 251-300, a checkpoint
/// every 5 epochs.
/// </summary>
public sealed record TrainingConfig
{
    public int Epochs { get; init; } = 300;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 0.1;

    /// <summary>1-based epochs after which the rate is multiplied by <see cref="LrDecay"/>: lr = base·γ^#{s : epoch > s}.</summary>
    public IReadOnlyList<int> LrSteps { get; init; } = [250];

    public double LrDecay { get; init; } = 0.1;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 1e-4;
    public bool Nesterov { get; init; }

    /// <summary>Write a checkpoint every this many epochs (and always after the last one).</summary>
    public int CheckpointEvery { get; init; } = 5;

    /// <summary>How many of the newest checkpoints to keep on disk; 0 keeps them all.</summary>
    public int KeepCheckpoints { get; init; } = 3;

    /// <summary>
    /// The length of the paper's schedule that the epoch settings refer to (AimCLR 300, CMD 450). An ablation
    /// that trains for fewer epochs (AimCLR Table 3) changes <see cref="Epochs"/> and keeps this.
    /// </summary>
    public int ScheduleEpochs { get; init; } = 300;

    /// <summary>The fraction of the paper's schedule a reduced profile of <paramref name="profileEpochs"/> epochs runs.</summary>
    public double ShorteningRatio(int profileEpochs) => (double)profileEpochs / ScheduleEpochs;

    /// <summary>An epoch setting (a 1-based epoch or a count) on a schedule shortened by <paramref name="ratio"/>; int.MaxValue ("never") stays.</summary>
    public static int Scale(int epochs, double ratio) =>
        epochs == int.MaxValue ? epochs : Math.Max(1, (int)Math.Round(epochs * ratio, MidpointRounding.ToEven));

    /// <summary>
    /// This schedule on a reduced profile that runs <paramref name="profileEpochs"/> of the paper's
    /// <see cref="ScheduleEpochs"/>: epochs and learning-rate steps scaled alike (so a 100-of-300-epoch ablation
    /// runs a third of the profile's epochs and never reaches the step, as a shortened run of the paper's schedule
    /// would not), a checkpoint every epoch, and the profile's batch size.
    /// </summary>
    public TrainingConfig Shortened(int profileEpochs, int batchSize)
    {
        var ratio = ShorteningRatio(profileEpochs);
        return this with
        {
            Epochs = Scale(Epochs, ratio), LrSteps = [.. LrSteps.Select(s => Scale(s, ratio))], BatchSize = batchSize, CheckpointEvery = 1,
        };
    }

    /// <summary>Throws ArgumentException naming the first invalid field.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be at least 1, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be at least 1, got {BatchSize}");
        if (!(LearningRate > 0)) throw new ArgumentException($"learning rate must be positive, got {LearningRate}");
        if (Momentum < 0 || WeightDecay < 0) throw new ArgumentException("momentum and weight decay must be non-negative");
        if (Nesterov && Momentum == 0) throw new ArgumentException("Nesterov momentum needs a momentum above 0");
        if (CheckpointEvery < 1) throw new ArgumentException($"checkpoint interval must be at least 1 epoch, got {CheckpointEvery}");
        if (ScheduleEpochs < 1) throw new ArgumentException($"the schedule's length must be at least 1 epoch, got {ScheduleEpochs}");
        if (KeepCheckpoints < 0) throw new ArgumentException($"checkpoints to keep must be 0 (all) or more, got {KeepCheckpoints}");
    }
}
