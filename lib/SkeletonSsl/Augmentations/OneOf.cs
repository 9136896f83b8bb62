using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// Per-clip choice between two transforms: each clip takes <see cref="First"/> with probability p,
/// else <see cref="Second"/> (CMD/PCM3's "50 %: joint jittering, 50 %: shear", spec/pcm3.md §3).
/// Both run on the whole batch, then each clip keeps one result; both must keep the shape.
/// </summary>
public sealed class OneOf(IAugmentation first, IAugmentation second, double firstProbability = 0.5) : IAugmentation
{
    public string Name => $"{First.Name}|{Second.Name}";

    public IAugmentation First { get; } = first;
    public IAugmentation Second { get; } = second;
    public double FirstProbability { get; } = firstProbability;

    /// <summary>x: (N, C, T, V, M) → (N, C, T, V, M).</summary>
    public Tensor Apply(Tensor x, Generator g)
    {
        using var scope = NewDisposeScope();
        var chooseFirst = BatchOps.Coin(g, x.shape[0], FirstProbability);
        var a = First.Apply(x, g);
        var b = Second.Apply(x, g);
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"{Name}: both branches must give the same shape, got ({string.Join(", ", a.shape)}) and ({string.Join(", ", b.shape)})");
        return BatchOps.Select(chooseFirst, a, b).MoveToOuterDisposeScope();
    }
}
