using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Semi-supervised evaluation (AimCLR §4.2; spec/aimclr.md §7, §8.4; spec/pcm3.md §8.3): a small
/// labelled fraction of the training split is drawn (<see cref="Select"/>), then the whole model is
/// fine-tuned on it (<see cref="FineTune"/>) and tested on the full test split.
/// The encoder is trained in place.
/// </summary>
public static class SemiSupervised
{
    public static ClassifierResult Run(SkeletonEncoder encoder, SkeletonDataset train, SkeletonDataset test, SkeletonStream stream,
        SemiSupervisedConfig config, Generator generator, Device? device = null, Action<EvaluationProgress>? progress = null)
    {
        config.Validate();
        var indices = Select(train.Labels, config.Fraction, config.Selection, new Random(config.SelectionSeed), config.MinPerClass);
        if (indices.Length == 0) throw new ArgumentException($"a fraction of {config.Fraction} of {train.Count} clips selects none");
        using var labelled = train.Subset(indices);
        return FineTune.Run($"semi-{config.Fraction:0.##%}", encoder, labelled, test, stream, config.Training, generator, device, progress);
    }

    /// <summary>Indices (sorted ascending) of the labelled subset drawn from the given labels.</summary>
    /// <param name="minPerClass">Per-class selection: at least this many clips of each class (0, the reference rule, allows none);
    /// random selection: at least this many times the number of classes in all (the reduced profiles' small synthetic
    /// splits would otherwise give int(0.01·N) = 0 or 1 clips).</param>
    public static int[] Select(IReadOnlyList<long> labels, double fraction, SemiSupervisedSelection selection, Random random, int minPerClass = 0)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentException($"fraction must lie in (0, 1], got {fraction}", nameof(fraction));
        return selection switch
        {
            SemiSupervisedSelection.PerClass => PerClass(labels, fraction, random, minPerClass),
            SemiSupervisedSelection.Random => Sample(Enumerable.Range(0, labels.Count).ToArray(), RandomCount(labels, fraction, minPerClass), random).Order().ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, "expected PerClass or Random"),
        };
    }

    /// <summary>CMD's int(N · p), raised to minPerClass × classes and capped at N.</summary>
    private static int RandomCount(IReadOnlyList<long> labels, double fraction, int minPerClass)
    {
        int take = (int)(labels.Count * fraction);   // CMD: int(N_train · ratio)
        if (minPerClass > 0) take = Math.Max(take, minPerClass * labels.Distinct().Count());
        return Math.Min(take, labels.Count);
    }

    /// <summary>AimCLR's Semi feeder: per class, in order of first appearance, round(p·n_c) half to even.</summary>
    private static int[] PerClass(IReadOnlyList<long> labels, double fraction, Random random, int minPerClass)
    {
        var byClass = new Dictionary<long, List<int>>();
        var order = new List<long>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (!byClass.TryGetValue(labels[i], out var members))
            {
                byClass[labels[i]] = members = [];
                order.Add(labels[i]);
            }
            members.Add(i);
        }
        var chosen = new List<int>();
        foreach (long c in order)
        {
            var members = byClass[c];
            int take = (int)Math.Round(fraction * members.Count, MidpointRounding.ToEven);   // Python round()
            take = Math.Min(members.Count, Math.Max(take, minPerClass));
            chosen.AddRange(Sample(members.ToArray(), take, random));
        }
        chosen.Sort();
        return chosen.ToArray();
    }

    /// <summary>k distinct elements drawn without replacement (partial Fisher–Yates).</summary>
    private static int[] Sample(int[] population, int k, Random random)
    {
        var pool = (int[])population.Clone();
        for (int i = 0; i < k; i++)
        {
            int j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..k];
    }
}
