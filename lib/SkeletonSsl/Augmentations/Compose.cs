using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// A chain of transforms applied in order, each drawing from the same generator and each given the
/// frame counts the previous step left. Runs of consecutive re-indexing and coordinate steps are
/// fused into one <see cref="LinearPlan"/> (same draws, same result as one step after another, one
/// pass over the data); such steps keep T and the frame counts.
/// </summary>
public sealed class Compose(string name, IReadOnlyList<IAugmentation> steps) : IAugmentation
{
    public string Name { get; } = name;

    public IReadOnlyList<IAugmentation> Steps { get; } = steps;

    /// <summary>batch.X: (N, C, T, V, M) → (N, C, T', V, M) with the last step's frame counts.</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g)
    {
        using var scope = NewDisposeScope();
        var y = batch;
        LinearPlan? pending = null;
        foreach (var step in Steps)
        {
            if (step is ILinearAugmentation linear)
            {
                var shape = BatchOps.CheckClips(y.X, step.Name, needsCoordinates: false);
                var plan = linear.Draw(g, shape, y.Frames);
                pending = pending is null ? plan : pending.Then(plan);
                continue;
            }
            if (pending is not null) { y = y.WithClips(pending.Apply(y.X)); pending = null; }
            y = step.Apply(y, g);
        }
        if (pending is not null) y = y.WithClips(pending.Apply(y.X));
        return y.WithClips((ReferenceEquals(y.X, batch.X) ? batch.X.alias() : y.X).MoveToOuterDisposeScope());
    }
}
