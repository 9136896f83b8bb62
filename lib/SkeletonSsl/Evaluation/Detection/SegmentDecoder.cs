using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation.Detection;

/// <summary>
/// The post-processing of PCM3's detection protocol (spec/pcm3.md §8.7, after Simple-Skeleton-Detection): per-frame
/// probabilities p (class 0 = background) are mean-filtered over [i − 10, i + 10) clipped to the recording; frames whose
/// activity 1 − p̄(background) is ≥ 0.4 form contiguous segments; a segment's class is the argmax over the non-background
/// classes of the mean of p̄ over its frames, its confidence that mean. The segments' class ids are the probability
/// columns (column c = PKU class c) and their frames 1-based and inclusive, as the label files'. Reading where the spec is
/// silent: the segment means are taken over the filtered probabilities. All per-frame work is batched tensor ops.
/// </summary>
public static class SegmentDecoder
{
    /// <summary>
    /// The mean filter: probabilities (N, T, K) float, frames[n] the valid frames of recording n → (N, T, K) float32,
    /// frame i the mean over [max(0, i − r), min(frames, i + r)); 0 after the valid frames.
    /// </summary>
    public static Tensor MeanFilter(Tensor probabilities, IReadOnlyList<long> frames, int radius)
    {
        var (n, t, k) = Check(probabilities, frames);
        if (radius < 1) throw new ArgumentException($"radius = {radius}: expected at least 1 frame", nameof(radius));
        using var scope = NewDisposeScope();
        var length = tensor(frames.ToArray()).unsqueeze(1);                                    // (N, 1)
        var i = arange(t, dtype: ScalarType.Int64).unsqueeze(0);                              // (1, T)
        var valid = i.lt(length);                                                              // (N, T)
        var p = probabilities.to(ScalarType.Float64).cpu() * valid.unsqueeze(2);              // padding does not count
        var sums = cat([zeros(n, 1, k, dtype: ScalarType.Float64), p.cumsum(1)], 1);          // (N, T + 1, K): prefix sums
        var lo = (i - radius).clamp_min(0).minimum(length).expand(n, t);                      // window [lo, hi)
        var hi = (i + radius).minimum(length).expand(n, t);
        var count = (hi - lo).clamp_min(1).unsqueeze(2).to(ScalarType.Float64);
        var window = sums.gather(1, hi.unsqueeze(2).expand(n, t, k)) - sums.gather(1, lo.unsqueeze(2).expand(n, t, k));
        var mean = window / count * valid.unsqueeze(2);
        return mean.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Segments of a batch of recordings: probabilities (N, T, K) per-frame class probabilities (softmax, column 0
    /// background), frames[n] the valid frames, videos[n] the names. Segments come per recording in frame order.
    /// </summary>
    public static IReadOnlyList<ActionSegment> Decode(Tensor probabilities, IReadOnlyList<long> frames, IReadOnlyList<string> videos,
        DetectionPostProcessing? config = null)
    {
        config ??= new DetectionPostProcessing();
        config.Validate();
        var (n, t, k) = Check(probabilities, frames);
        if (videos.Count != n) throw new ArgumentException($"{videos.Count} video names for {n} recordings", nameof(videos));
        if (k < 2) throw new ArgumentException($"probabilities: K = {k} columns, expected background and at least one class", nameof(probabilities));
        using var scope = NewDisposeScope();
        var filtered = MeanFilter(probabilities, frames, config.Radius).to(ScalarType.Float64);   // (N, T, K)
        var valid = arange(t, dtype: ScalarType.Int64).unsqueeze(0).lt(tensor(frames.ToArray()).unsqueeze(1));
        var active = (1 - filtered.select(2, 0)).ge(config.ActivityThreshold) & valid;             // activity ≥ 0.4, (N, T)
        var none = zeros(new long[] { n, 1 }, dtype: ScalarType.Bool);
        var before = cat([none, active.narrow(1, 0, t - 1)], 1);
        var after = cat([active.narrow(1, 1, t - 1), none], 1);
        var starts = (active & before.logical_not()).nonzero();                                    // (S, 2): (recording, first frame)
        var ends = (active & after.logical_not()).nonzero();                                       // (S, 2): (recording, last frame), same order
        long segments = starts.shape[0];
        if (segments == 0) return [];
        var row = starts.select(1, 0);
        var first = starts.select(1, 1);
        var last = ends.select(1, 1);
        var sums = cat([zeros(n, 1, k, dtype: ScalarType.Float64), filtered.cumsum(1)], 1);        // (N, T + 1, K)
        var flat = sums.view(n * (t + 1), k);
        var segmentSum = flat.index_select(0, row * (t + 1) + last + 1) - flat.index_select(0, row * (t + 1) + first);  // (S, K)
        var mean = segmentSum / (last - first + 1).unsqueeze(1).to(ScalarType.Float64);
        var (best, cls) = mean.narrow(1, 1, k - 1).max(1);                                         // non-background argmax
        var r = row.data<long>().ToArray();
        var s = first.data<long>().ToArray();
        var e = last.data<long>().ToArray();
        var c = cls.data<long>().ToArray();
        var confidence = best.data<double>().ToArray();
        return [.. Enumerable.Range(0, (int)segments).Select(j => new ActionSegment(videos[(int)r[j]], (int)c[j] + 1, (int)s[j] + 1, (int)e[j] + 1, confidence[j]))];
    }

    private static (long N, long T, long K) Check(Tensor probabilities, IReadOnlyList<long> frames)
    {
        if (probabilities.dim() != 3) throw new ArgumentException($"probabilities: expected (N, T, K), got {probabilities.dim()} dimensions", nameof(probabilities));
        long n = probabilities.shape[0], t = probabilities.shape[1], k = probabilities.shape[2];
        if (frames.Count != n) throw new ArgumentException($"{frames.Count} frame counts for {n} recordings", nameof(frames));
        for (int j = 0; j < n; j++)
            if (frames[j] < 1 || frames[j] > t) throw new ArgumentException($"frames[{j}] = {frames[j]}: expected a frame count in [1, {t}]", nameof(frames));
        return (n, t, k);
    }
}
