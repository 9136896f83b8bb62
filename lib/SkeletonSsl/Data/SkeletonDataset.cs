using static TorchSharp.torch;

namespace SkeletonSsl.Data;

/// <summary>
/// An in-memory split of prepared clips: what feeders batch and protocols evaluate.
/// Data: (N, C, T, V, M) float32 on the CPU; Labels: 0-based class ids; Names: sample names
/// (e.g. "S001C001P001R001A001"), one per clip, used to key saved logits; Frames: each clip's valid
/// frame count in [1, T] (the frames after it are padding), which every temporal transform reads.
/// </summary>
public sealed class SkeletonDataset : IDisposable
{
    public Tensor Data { get; }
    public long[] Labels { get; }
    public string[] Names { get; }
    public int NumClasses { get; }

    /// <summary>Valid frames per clip, in [1, T] (see <see cref="ValidFrames"/>).</summary>
    public long[] Frames { get; }

    public int Count => Labels.Length;

    /// <param name="frames">Valid frames per clip; null derives them from trailing all-zero frames (<see cref="ValidFrames.TrailingZeros"/>).</param>
    public SkeletonDataset(Tensor data, long[] labels, string[] names, int numClasses, long[]? frames = null)
    {
        if (data.dim() != 5) throw new ArgumentException($"data must be (N, C, T, V, M), got {data.dim()} dimensions", nameof(data));
        if (data.shape[0] != labels.Length || labels.Length != names.Length)
            throw new ArgumentException($"data has {data.shape[0]} clips, labels {labels.Length}, names {names.Length}: they must agree");
        if (labels.Any(l => l < 0 || l >= numClasses))
            throw new ArgumentException($"labels must lie in [0, {numClasses})", nameof(labels));
        frames ??= ValidFrames.TrailingZeros(data);
        ValidFrames.Check(frames, data.shape[0], data.shape[2], nameof(frames));
        Data = data;
        Frames = frames;
        Labels = labels;
        Names = names;
        NumClasses = numClasses;
    }

    /// <summary>The clips at the given indices (a copy), keeping the class count and the frame counts.</summary>
    public SkeletonDataset Subset(IReadOnlyList<int> indices)
    {
        using var idx = tensor(indices.Select(i => (long)i).ToArray());
        var data = Data.index_select(0, idx).DetachFromDisposeScope();
        return new SkeletonDataset(data, indices.Select(i => Labels[i]).ToArray(), indices.Select(i => Names[i]).ToArray(), NumClasses,
            indices.Select(i => Frames[i]).ToArray());
    }

    /// <summary>Labels as an int64 tensor on the CPU.</summary>
    public Tensor LabelTensor() => tensor(Labels);

    public void Dispose() => Data.Dispose();
}
