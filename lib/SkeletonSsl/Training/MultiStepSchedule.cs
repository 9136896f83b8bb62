namespace SkeletonSsl.Training;

/// <summary>
/// Step learning-rate schedule applied per epoch, as AimCLR's processor does (spec/aimclr.md §8.1):
/// lr(epoch) = base · γ^#{s ∈ steps : epoch > s}, epochs 1-based. With base 0.1, steps [250] and
/// γ = 0.1: 0.1 for epochs 1-250, 0.01 for 251-300.
/// </summary>
public sealed record MultiStepSchedule(double BaseRate, IReadOnlyList<int> Steps, double Decay = 0.1)
{
    public double RateAt(int epoch)
    {
        if (epoch < 1) throw new ArgumentException($"epochs are 1-based, got {epoch}", nameof(epoch));
        int passed = Steps.Count(s => epoch > s);
        return BaseRate * Math.Pow(Decay, passed);
    }

    public static MultiStepSchedule From(TrainingConfig c) => new(c.LearningRate, c.LrSteps, c.LrDecay);
}
