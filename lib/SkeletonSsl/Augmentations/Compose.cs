using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// A chain of transforms applied in order, each drawing from the same generator. Runs of
/// consecutive re-indexing and coordinate steps are fused into one <see cref="LinearPlan"/>
/// (same draws, same result as one step after another, one pass over the data).
/// </summary>
public sealed class Compose(string name, IReadOnlyList<IAugmentation> steps) : IAugmentation
{
    public string Name { get; } = name;

    public IReadOnlyList<IAugmentation> Steps { get; } = steps;

    /// <summary>x: (N, C, T, V, M) → (N, C, T', V, M).</summary>
    public Tensor Apply(Tensor x, Generator g)
    {
        using var scope = NewDisposeScope();
        var y = x;
        LinearPlan? pending = null;
        foreach (var step in Steps)
        {
            if (step is ILinearAugmentation linear)
            {
                var shape = BatchOps.CheckClips(y, step.Name, needsCoordinates: false);
                if (pending is not null) shape[2] = pending.FramesAfter(shape[2]);
                var plan = linear.Draw(g, shape);
                pending = pending is null ? plan : pending.Then(plan);
                continue;
            }
            if (pending is not null) { y = pending.Apply(y); pending = null; }
            y = step.Apply(y, g);
        }
        if (pending is not null) y = pending.Apply(y);
        return (ReferenceEquals(y, x) ? x.alias() : y).MoveToOuterDisposeScope();
    }
}
