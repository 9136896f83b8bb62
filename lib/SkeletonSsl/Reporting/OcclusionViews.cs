using Microsoft.Data.Analysis;
using Plotly.NET;
using SkeletonSsl.Augmentations.Masks;
using SkeletonSsl.Data;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Reporting;

/// <summary>
/// What the classifier of PCM3 Table 4's occlusion protocol sees (§4.3 item 3; spec/pcm3.md §8.6): a test split next to
/// its spatially and temporally occluded copies, made exactly as the protocol makes them
/// (<see cref="OcclusionRobustness.Occluded"/> with the config's ratio range, seeds and chunk size). A (frame, joint)
/// position is hidden where the clean clip has coordinates (any axis, any body) in one of its valid frames and the
/// occluded copy has none; only valid frames count (the CMD pipeline fills 300 frames by repeating the clip, and the
/// protocol's crop reads the valid frames only). Owns the occluded copies, not the clean split.
/// Used by notebooks/PCM3/Table4-occlusion.ipynb.
/// </summary>
public sealed class OcclusionViews : IDisposable
{
    private readonly SkeletonDataset _clean, _spatial, _temporal;
    private readonly Tensor _present, _spatialHidden, _temporalHidden;   // (N, T, V) bool

    /// <param name="test">The clean test split (N, C, T, 25, M) with its frame counts; the caller keeps owning it.</param>
    /// <param name="config">The protocol's settings (default: the protocol's own).</param>
    public OcclusionViews(SkeletonDataset test, OcclusionConfig? config = null)
    {
        config ??= new OcclusionConfig();
        config.Validate();
        _clean = test;
        _spatial = OcclusionRobustness.Occluded(test, new SpatialOcclusion(config.Ratio), config.SpatialSeed, config.ChunkSize);
        _temporal = OcclusionRobustness.Occluded(test, new TemporalOcclusion(config.Ratio), config.TemporalSeed, config.ChunkSize);
        using var scope = NewDisposeScope();
        var inClip = arange(test.Data.shape[2]).unsqueeze(0).lt(tensor(test.Frames).unsqueeze(1));     // (N, T)
        var present = Coordinates(test) & inClip.unsqueeze(2);                                          // (N, T, V)
        _spatialHidden = (present & Coordinates(_spatial).logical_not()).DetachFromDisposeScope();
        _temporalHidden = (present & Coordinates(_temporal).logical_not()).DetachFromDisposeScope();
        _present = present.DetachFromDisposeScope();
    }

    /// <summary>Test clips.</summary>
    public int Count => _clean.Count;

    /// <summary>Per kind, the hidden share of each clip's present (frame, joint) positions: min, mean and max over the split.</summary>
    public DataFrame Shares()
    {
        using var scope = NewDisposeScope();
        var present = _present.sum([1, 2]).to(ScalarType.Float64);
        double[] Share(Tensor hidden) => (hidden.sum([1, 2]).to(ScalarType.Float64) / present).data<double>().ToArray();
        var shares = new[] { ("spatial", Share(_spatialHidden)), ("temporal", Share(_temporalHidden)) };
        return new DataFrame(
            new StringDataFrameColumn("occlusion", shares.Select(s => s.Item1)),
            new Int32DataFrameColumn("test clips", shares.Select(s => s.Item2.Length)),
            new DoubleDataFrameColumn("hidden share, min", shares.Select(s => s.Item2.Min())),
            new DoubleDataFrameColumn("mean", shares.Select(s => s.Item2.Average())),
            new DoubleDataFrameColumn("max", shares.Select(s => s.Item2.Max())));
    }

    /// <summary>The first clip whose temporal block lies strictly inside its valid frames (the skeleton vanishes and comes back), else 0.</summary>
    public int InnerBlockClip()
    {
        for (int i = 0; i < Count; i++)
        {
            var (first, last) = Block(i);
            if (first > 0 && last < _clean.Frames[i] - 1) return i;
        }
        return 0;
    }

    /// <summary>
    /// Clip <paramref name="index"/> clean, spatially and temporally occluded, side by side and animated over its valid
    /// frames (every k-th frame, so that at most <paramref name="maxFrames"/> are drawn); hidden joints are zeros, drawn at the origin.
    /// </summary>
    public GenericChart Animated(int index, int maxFrames = 100)
    {
        CheckIndex(index);
        if (maxFrames < 1) throw new ArgumentOutOfRangeException(nameof(maxFrames), maxFrames, "expected at least one frame to draw");
        using var scope = NewDisposeScope();
        long valid = _clean.Frames[index], stride = Math.Max(1, (valid + maxFrames - 1) / maxFrames);
        var drawn = arange(0, valid, stride);
        Tensor Clip(SkeletonDataset d) => d.Data[index].index_select(1, drawn);                          // (3, T', 25, M)
        var hiddenJoints = _spatialHidden[index].any(0).data<bool>().ToArray();                           // (V)
        var parts = NtuLayout.BodyParts.Where(p => p.Joints.All(j => hiddenJoints[j])).Select(p => p.Name);
        var (first, last) = Block(index);
        var bodies = Enumerable.Range(0, (int)_clean.Data.shape[4]).Where(m => _clean.Data[index, .., .., .., m].ne(0).any().item<bool>()).ToArray();
        return SkeletonFigure.Animated(
            [
                ("clean", Clip(_clean)),
                ($"spatial: {string.Join(", ", parts)} hidden", Clip(_spatial)),
                ($"temporal: frames {first}-{last} of {valid} hidden", Clip(_temporal)),
            ],
            $"test clip {index} ({_clean.Names[index]}), {(stride == 1 ? "every frame" : $"every {stride}th frame")}",
            bodies.Length > 0 ? bodies : null);
    }

    /// <summary>Where one kind of occlusion ("spatial" or "temporal") falls in clip <paramref name="index"/>: joints by valid frames, 1 = hidden.</summary>
    public GenericChart Map(int index, string kind)
    {
        CheckIndex(index);
        var hidden = kind switch
        {
            "spatial" => _spatialHidden,
            "temporal" => _temporalHidden,
            _ => throw new ArgumentException($"kind: expected \"spatial\" or \"temporal\", got \"{kind}\"", nameof(kind)),
        };
        using var scope = NewDisposeScope();
        long valid = _clean.Frames[index];
        var grid = hidden[index].narrow(0, 0, valid).t().to(ScalarType.Float64).contiguous();              // (V, T)
        var values = grid.data<double>().ToArray();
        var rows = Enumerable.Range(0, NtuLayout.Joints).Select(j => (IReadOnlyList<double>)values.Skip(j * (int)valid).Take((int)valid).ToArray()).ToList();
        var frames = Enumerable.Range(0, (int)valid).Select(t => t.ToString()).ToList();
        return Charts.Heatmap(new HeatmapData($"{kind} occlusion of clip {index} (1 = hidden)", NtuLayout.JointNames, frames, rows));
    }

    public void Dispose()
    {
        _spatial.Dispose();
        _temporal.Dispose();
        _present.Dispose();
        _spatialHidden.Dispose();
        _temporalHidden.Dispose();
    }

    /// <summary>(N, T, V): the joint has a coordinate on some axis of some body.</summary>
    private static Tensor Coordinates(SkeletonDataset d) => d.Data.ne(0).any(1).any(-1);

    /// <summary>The first and last frame of clip i's temporal block.</summary>
    private (long First, long Last) Block(int i)
    {
        using var scope = NewDisposeScope();
        var frames = _temporalHidden[i].any(1).nonzero();
        return frames.numel() == 0 ? (-1, -1) : (frames.min().item<long>(), frames.max().item<long>());
    }

    private void CheckIndex(int index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"expected a clip index in [0, {Count})");
    }
}
