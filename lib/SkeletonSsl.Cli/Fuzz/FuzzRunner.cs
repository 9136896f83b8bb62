using System.Diagnostics;
using SkeletonSsl.Data;

namespace SkeletonSsl.Cli.Fuzz;

/// <summary>
/// Runs mutated seeds through a <see cref="FuzzTarget"/> and sorts what happens into
/// <see cref="FuzzOutcome"/>s. Each case runs on a pool thread and is waited for at most the time
/// limit: a case still running then is counted as a hang and left behind (a thread cannot be stopped
/// safely), and the run goes on. A stack overflow cannot be caught in .NET: it ends the process, which
/// is itself the report.
/// </summary>
public static class FuzzRunner
{
    /// <summary>Reads one input and classifies the result (no time limit).</summary>
    public static (FuzzOutcome Outcome, Exception? Error) Classify(FuzzTarget target, byte[] input, string scratch)
    {
        try
        {
            target.Read(input, scratch);
            return (FuzzOutcome.Ok, null);
        }
        catch (DataFormatException e) { return (FuzzOutcome.Rejected, e); }
        catch (Exception e) { return (FuzzOutcome.Crash, e); }
    }

    /// <summary>
    /// <paramref name="cases"/> mutants of the target's seeds (1-4 random edits each), reproducible from
    /// <paramref name="seed"/>. Every crash or hang is passed to <paramref name="onFailure"/>.
    /// </summary>
    public static FuzzReport Run(FuzzTarget target, int cases, int seed, TimeSpan limit, string scratch, Action<FuzzFailure>? onFailure = null)
    {
        // A per-format stream of random numbers: the same seed gives the same mutants for each format
        // whether it runs alone or with the others.
        var rng = new Random(unchecked(seed * 16777619 ^ StableHash(target.Name)));
        int ok = 0, rejected = 0, crash = 0, hang = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < cases; i++)
        {
            var seedFile = target.Seeds[rng.Next(target.Seeds.Count)];
            var input = Mutator.Apply(seedFile, Mutator.RandomEdits(rng));
            var task = Task.Run(() => Classify(target, input, scratch));
            if (!task.Wait(limit))
            {
                hang++;
                onFailure?.Invoke(new FuzzFailure(target.Name, i, FuzzOutcome.Hang, $"still running after {limit.TotalMilliseconds:F0} ms", input));
                continue;
            }
            var (outcome, error) = task.Result;
            switch (outcome)
            {
                case FuzzOutcome.Ok: ok++; break;
                case FuzzOutcome.Rejected: rejected++; break;
                default:
                    crash++;
                    onFailure?.Invoke(new FuzzFailure(target.Name, i, outcome, $"{error!.GetType().Name}: {error.Message}", input));
                    break;
            }
        }
        return new FuzzReport(target.Name, cases, ok, rejected, crash, hang, watch.Elapsed.TotalSeconds);
    }

    private static int StableHash(string s)
    {
        uint h = 2166136261;
        foreach (char c in s) h = (h ^ c) * 16777619;
        return (int)h;
    }
}
