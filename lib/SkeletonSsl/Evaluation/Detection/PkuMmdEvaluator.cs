namespace SkeletonSsl.Evaluation.Detection;

/// <summary>
/// Action-detection scores as the official PKU-MMD evaluator computes them (spec/data.md §5.6; PCM3 §4.3 item 4,
/// Table 5: mAP_a and mAP_v at overlap 0.5), plus the VOC-style mAP_a of spec/pcm3.md §8.7 as
/// <see cref="MapAStyle.VocInclusive"/>. Segments use the label files' frames: 1-based, inclusive.
/// <para>
/// Official AP of a proposal list against a ground-truth list: each proposal is matched to the ground truth of the
/// same video and class with the largest overlap ≥ θ (a later ground truth wins a tie), several proposals may match
/// one ground truth, and "positive" counts the ground truths matched at least once. With the proposals by rising
/// confidence, start from all of them (P = positive / #proposals, R = positive / #gt, Pmax = P) and remove them one at
/// a time from the least confident; when a removed proposal was matched, update positive, P and R,
/// Pmax = max(Pmax, P) and add Pmax · (R_before − R). AP = 0 without proposals or without ground truth.
/// mAP_a = mean over classes 1…C of the AP of that class's proposals and ground truths pooled over all videos (a
/// class without ground truth scores 0); mAP_v = mean over the test videos of the AP of all that video's proposals.
/// </para>
/// </summary>
public static class PkuMmdEvaluator
{
    /// <summary>PCM3 Table 5's overlap threshold.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>
    /// The official overlap: 0 for another video or class, else (min(e_p, e_g) − max(s_p, s_g)) / (max(e_p, e_g) − min(s_p, s_g)),
    /// no +1 (negative when the segments are apart). Two identical one-frame segments (0 / 0) overlap fully: 1.
    /// </summary>
    public static double Overlap(ActionSegment p, ActionSegment g)
    {
        if (p.Class != g.Class || p.Video != g.Video) return 0;
        double union = Math.Max(p.End, g.End) - Math.Min(p.Start, g.Start);
        double intersection = Math.Min(p.End, g.End) - Math.Max(p.Start, g.Start);
        return union == 0 ? 1 : intersection / union;
    }

    /// <summary>The inclusive-frame IoU of spec/pcm3.md §8.7: (min e − max s + 1) / (max e − min s + 1), 0 when apart or of another video or class.</summary>
    public static double InclusiveIou(ActionSegment p, ActionSegment g)
    {
        if (p.Class != g.Class || p.Video != g.Video) return 0;
        double intersection = Math.Min(p.End, g.End) - Math.Max(p.Start, g.Start) + 1;
        if (intersection <= 0) return 0;
        double union = (p.End - p.Start + 1) + (g.End - g.Start + 1) - intersection;
        return intersection / union;
    }

    /// <summary>The official AP of <paramref name="proposals"/> against <paramref name="groundTruth"/> at overlap ≥ θ (see the summary).</summary>
    public static double AveragePrecision(IReadOnlyList<ActionSegment> proposals, IReadOnlyList<ActionSegment> groundTruth, double threshold = DefaultThreshold)
    {
        if (proposals.Count == 0 || groundTruth.Count == 0) return 0;
        var sorted = proposals.OrderBy(p => p.Confidence).ToArray();                    // rising confidence, stable on ties
        var byClass = groundTruth.Select((g, i) => (g, i)).ToLookup(x => (x.g.Video, x.g.Class), x => x.i);
        var match = new int[sorted.Length];
        var count = new int[groundTruth.Count];
        for (int x = 0; x < sorted.Length; x++)
        {
            match[x] = -1;
            double best = double.NegativeInfinity;
            foreach (int y in byClass[(sorted[x].Video, sorted[x].Class)])
            {
                double o = Overlap(sorted[x], groundTruth[y]);
                if (o < threshold || o < best) continue;                                   // ≥ θ; a later ground truth wins a tie
                best = o;
                match[x] = y;
            }
            if (match[x] >= 0) count[match[x]]++;
        }
        int positive = count.Count(c => c > 0), remaining = sorted.Length, truths = groundTruth.Count;
        var (precisionMax, recall) = Pr(positive, remaining, truths);
        double ap = 0;
        for (int x = 0; x < sorted.Length; x++)
        {
            remaining--;
            if (match[x] < 0) continue;
            if (--count[match[x]] == 0) positive--;
            var (p, r) = Pr(positive, remaining, truths);
            precisionMax = Math.Max(precisionMax, p);
            ap += precisionMax * (recall - r);
            recall = r;
        }
        return ap;
    }

    /// <summary>
    /// The VOC-style AP of one class (spec/pcm3.md §8.7): detections by falling confidence (stable on ties), each matched to
    /// the unmatched ground truth of its video with the largest inclusive IoU ≥ θ, else a false positive; the area under
    /// the all-point interpolated precision-recall curve. 0 without detections or without ground truth.
    /// </summary>
    public static double VocAveragePrecision(IReadOnlyList<ActionSegment> detections, IReadOnlyList<ActionSegment> groundTruth, double threshold = DefaultThreshold)
    {
        if (detections.Count == 0 || groundTruth.Count == 0) return 0;
        var sorted = detections.OrderByDescending(d => d.Confidence).ToArray();
        var used = new bool[groundTruth.Count];
        var precision = new double[sorted.Length];
        var recall = new double[sorted.Length];
        int tp = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            int best = -1;
            double bestIou = threshold;
            for (int g = 0; g < groundTruth.Count; g++)
            {
                if (used[g]) continue;
                double iou = InclusiveIou(sorted[i], groundTruth[g]);
                if (iou >= bestIou && (best < 0 || iou > bestIou)) { best = g; bestIou = iou; }
            }
            if (best >= 0) { used[best] = true; tp++; }
            precision[i] = (double)tp / (i + 1);
            recall[i] = (double)tp / groundTruth.Count;
        }
        for (int i = sorted.Length - 2; i >= 0; i--) precision[i] = Math.Max(precision[i], precision[i + 1]);   // max precision at recall ≥ recall[i]
        double ap = 0, previousRecall = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            ap += (recall[i] - previousRecall) * precision[i];
            previousRecall = recall[i];
        }
        return ap;
    }

    /// <summary>
    /// mAP_a and mAP_v of the proposals of a test set against its ground truth. <paramref name="videos"/>: the test videos
    /// (mAP_v's mean runs over them; a video without proposals scores 0); <paramref name="classes"/>: the class count C
    /// (51 on PKU-MMD; mAP_a's official mean runs over 1…C). A segment of an unknown video or a class outside 1…C is an error.
    /// </summary>
    public static DetectionMetrics Evaluate(IReadOnlyList<ActionSegment> proposals, IReadOnlyList<ActionSegment> groundTruth,
        IReadOnlyList<string> videos, int classes, double threshold = DefaultThreshold, MapAStyle style = MapAStyle.Official)
    {
        if (classes < 1) throw new ArgumentException($"classes = {classes}: expected at least one class", nameof(classes));
        if (!double.IsFinite(threshold) || threshold is <= 0 or > 1) throw new ArgumentException($"threshold = {threshold}: expected an overlap in (0, 1]", nameof(threshold));
        if (videos.Count == 0) throw new ArgumentException("videos: expected at least one test video", nameof(videos));
        var known = new HashSet<string>(videos, StringComparer.Ordinal);
        if (known.Count != videos.Count) throw new ArgumentException("videos: a video is named twice", nameof(videos));
        foreach (var (segments, what) in new[] { (proposals, "proposal"), (groundTruth, "ground truth") })
            foreach (var s in segments)
            {
                s.Validate(what);
                if (!known.Contains(s.Video)) throw new ArgumentException($"{what} of video '{s.Video}', which is not one of the {videos.Count} test videos");
                if (s.Class > classes) throw new ArgumentException($"{what} in {s.Video}: class {s.Class}, expected 1…{classes}");
            }

        var proposalsOf = proposals.ToLookup(p => p.Class);
        var truthsOf = groundTruth.ToLookup(g => g.Class);
        var classAp = new Dictionary<int, double>();
        for (int c = 1; c <= classes; c++)
        {
            var p = proposalsOf[c].ToArray();
            var g = truthsOf[c].ToArray();
            classAp[c] = style == MapAStyle.Official ? AveragePrecision(p, g, threshold) : VocAveragePrecision(p, g, threshold);
        }
        double mapA = style == MapAStyle.Official
            ? classAp.Values.Average()                                                        // every class, 0 without ground truth
            : truthsOf.Count == 0 ? 0 : truthsOf.Average(g => classAp[g.Key]);                // the classes present in the ground truth

        var proposalsIn = proposals.ToLookup(p => p.Video, StringComparer.Ordinal);
        var truthsIn = groundTruth.ToLookup(g => g.Video, StringComparer.Ordinal);
        var videoAp = videos.ToDictionary(v => v, v => AveragePrecision([.. proposalsIn[v]], [.. truthsIn[v]], threshold), StringComparer.Ordinal);
        return new DetectionMetrics(mapA, videoAp.Values.Average(), threshold, style, classAp, videoAp);
    }

    private static (double Precision, double Recall) Pr(int positive, int proposals, int truths) =>
        proposals == 0 || truths == 0 ? (0, 0) : ((double)positive / proposals, (double)positive / truths);
}
