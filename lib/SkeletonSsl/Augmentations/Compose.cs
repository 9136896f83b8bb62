using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>A chain of transforms applied in order, each drawing from the same generator.</summary>
public sealed class Compose(string name, IReadOnlyList<IAugmentation> steps) : IAugmentation
{
    public string Name { get; } = name;

    public IReadOnlyList<IAugmentation> Steps { get; } = steps;

    /// <summary>x: (N, C, T, V, M) → (N, C, T', V, M).</summary>
    public Tensor Apply(Tensor x, Generator g)
    {
        using var scope = NewDisposeScope();
        var y = x;
        foreach (var step in Steps) y = step.Apply(y, g);
        return (ReferenceEquals(y, x) ? x.alias() : y).MoveToOuterDisposeScope();
    }
}
