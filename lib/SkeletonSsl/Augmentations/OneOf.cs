using static TorchSharp.torch;

namespace SkeletonSsl.Augmentations;

/// <summary>
/// Per-clip choice between two transforms: each clip takes <see cref="First"/> with probability p,
/// else <see cref="Second"/> (CMD/PCM3's "50 %: joint jittering, 50 %: shear", spec/pcm3.md §3).
/// Both run on the whole batch, then each clip keeps one result; both must keep the shape, and each
/// clip keeps the frame count of the branch it took.
/// </summary>
public sealed class OneOf(IAugmentation first, IAugmentation second, double firstProbability = 0.5) : IAugmentation
{
    public string Name => $"{First.Name}|{Second.Name}";

    public IAugmentation First { get; } = first;
    public IAugmentation Second { get; } = second;
    public double FirstProbability { get; } = firstProbability;

    /// <summary>batch.X: (N, C, T, V, M) → (N, C, T, V, M).</summary>
    public ClipBatch Apply(ClipBatch batch, Generator g)
    {
        using var scope = NewDisposeScope();
        var chooseFirst = BatchOps.Coin(g, batch.X.shape[0], FirstProbability);
        var a = First.Apply(batch, g);
        var b = Second.Apply(batch, g);
        if (!a.X.shape.SequenceEqual(b.X.shape))
            throw new ArgumentException($"{Name}: both branches must give the same shape, got ({string.Join(", ", a.X.shape)}) and ({string.Join(", ", b.X.shape)})");
        var first = chooseFirst.data<bool>().ToArray();
        var frames = first.Select((f, i) => f ? a.Frames[i] : b.Frames[i]).ToArray();
        return new ClipBatch(BatchOps.Select(chooseFirst, a.X, b.X).MoveToOuterDisposeScope(), frames);
    }
}
