using static TorchSharp.torch;

namespace SkeletonSsl.Data;

/// <summary>
/// A part of untrimmed recordings for action detection (PCM3 §4.3 item 4; spec/pcm3.md §8.7): the recordings as a
/// <see cref="SkeletonDataset"/> (Data (N, 3, T, 25, 2) raw coordinates zero-padded to T, Names the video names,
/// Frames each recording's frame count) and their per-frame labels (N, T) int64 (<see cref="PkuFrameLabels"/>: 0
/// background, class id 1…<see cref="NumClasses"/> inside an instance, 255 padding). Owns both; dispose it.
/// </summary>
public sealed class DetectionSet : IDisposable
{
    public DetectionSet(SkeletonDataset recordings, Tensor frameLabels)
    {
        if (frameLabels.dim() != 2 || frameLabels.dtype != ScalarType.Int64)
            throw new ArgumentException($"frame labels must be (N, T) int64, got {frameLabels.dtype} ({string.Join(", ", frameLabels.shape)})", nameof(frameLabels));
        if (frameLabels.shape[0] != recordings.Count || frameLabels.shape[1] != recordings.Data.shape[2])
            throw new ArgumentException($"frame labels ({string.Join(", ", frameLabels.shape)}) do not match {recordings.Count} recordings of {recordings.Data.shape[2]} frames", nameof(frameLabels));
        Recordings = recordings;
        FrameLabels = frameLabels;
    }

    /// <summary>The recordings: data (N, 3, T, 25, 2), video names, frame counts.</summary>
    public SkeletonDataset Recordings { get; }

    /// <summary>Per-frame labels (N, T) int64 on the CPU.</summary>
    public Tensor FrameLabels { get; }

    /// <summary>The action classes (51 on PKU-MMD); the frame labels hold 0…NumClasses and 255.</summary>
    public int NumClasses => Recordings.NumClasses;

    public int Count => Recordings.Count;

    public IReadOnlyList<string> Videos => Recordings.Names;

    public IReadOnlyList<long> Frames => Recordings.Frames;

    /// <summary>The recordings at the given indices (a copy), with their frame labels.</summary>
    public DetectionSet Subset(IReadOnlyList<int> indices)
    {
        using var idx = tensor(indices.Select(i => (long)i).ToArray());
        var labels = FrameLabels.index_select(0, idx).DetachFromDisposeScope();
        return new DetectionSet(Recordings.Subset(indices), labels);
    }

    /// <summary>A split's "train" and "val" parts of a detection store (<c>data prepare --pipeline detection</c>); the caller disposes both.</summary>
    /// <exception cref="DataFormatException">The store holds trimmed clips (no frame labels), or a file is damaged.</exception>
    public static (DetectionSet Train, DetectionSet Test) Load(PreparedStore store, string split)
    {
        var train = Load(store, split, "train");
        try
        {
            return (train, Load(store, split, "val"));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>One part of a detection store.</summary>
    public static DetectionSet Load(PreparedStore store, string split, string part)
    {
        var labels = store.LoadFrameLabels(split, part);                 // checked first: a clip store fails here, with how to make a detection store
        try
        {
            return new DetectionSet(store.Load(split, part), labels);
        }
        catch
        {
            labels.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Recordings.Dispose();
        FrameLabels.Dispose();
    }
}
