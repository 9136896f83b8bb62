using SkeletonSsl.Evaluation.Detection;

namespace SkeletonSsl.Tests.Evaluation;

/// <summary>The PKU-MMD evaluator on hand-made segments whose APs are worked out by hand in the comments (spec/data.md §5.6).</summary>
public sealed class PkuMmdEvaluatorTests
{
    private static ActionSegment S(string video, int cls, int start, int end, double confidence = 1) => new(video, cls, start, end, confidence);

    // Class 1 in video A: two truths, a true positive at 0.9, a false positive at 0.7, a second true positive at 0.6.
    private static readonly ActionSegment[] TruthA = [S("A", 1, 10, 20), S("A", 1, 30, 40)];
    private static readonly ActionSegment[] ProposalsA = [S("A", 1, 10, 20, 0.9), S("A", 1, 50, 60, 0.7), S("A", 1, 31, 40, 0.6)];

    [Fact]
    public void Official_overlap_has_no_plus_one_and_the_inclusive_iou_has()
    {
        Assert.Equal(0.9, PkuMmdEvaluator.Overlap(S("A", 1, 31, 40), S("A", 1, 30, 40)), 12);   // (40 − 31) / (40 − 30)
        Assert.Equal(1.0 / 3, PkuMmdEvaluator.Overlap(S("A", 1, 1, 2), S("A", 1, 1, 4)), 12);   // (2 − 1) / (4 − 1)
        Assert.Equal(0.5, PkuMmdEvaluator.InclusiveIou(S("A", 1, 1, 2), S("A", 1, 1, 4)), 12);  // 2 frames of 4
        Assert.Equal(0, PkuMmdEvaluator.Overlap(S("A", 1, 1, 2), S("A", 2, 1, 2)));              // another class
        Assert.Equal(0, PkuMmdEvaluator.Overlap(S("A", 1, 1, 2), S("B", 1, 1, 2)));              // another video
        Assert.True(PkuMmdEvaluator.Overlap(S("A", 1, 1, 2), S("A", 1, 5, 9)) < 0);              // apart: (2 − 5) / (9 − 1)
        Assert.Equal(0, PkuMmdEvaluator.InclusiveIou(S("A", 1, 1, 2), S("A", 1, 5, 9)));
    }

    [Fact]
    public void Official_ap_follows_the_evaluators_removal_recursion()
    {
        // By rising confidence: tp2 (0.6), fp (0.7), tp1 (0.9); positive 2 of 2 truths.
        // All 3: P = 2/3, R = 1, Pmax = 2/3.
        // remove tp2: 2 left, positive 1: P = 1/2, R = 1/2; Pmax = 2/3; AP += 2/3 · (1 − 1/2) = 1/3.
        // remove fp: unmatched, skipped.  remove tp1: 0 left: P = R = 0; AP += 2/3 · (1/2 − 0) = 1/3.  AP = 2/3.
        Assert.Equal(2.0 / 3, PkuMmdEvaluator.AveragePrecision(ProposalsA, TruthA), 12);
        // VOC: tp (P 1, R 1/2), fp (1/2, 1/2), tp (2/3, 1): interpolated 1 · 1/2 + 2/3 · 1/2 = 5/6.
        Assert.Equal(5.0 / 6, PkuMmdEvaluator.VocAveragePrecision(ProposalsA, TruthA), 12);
    }

    [Fact]
    public void A_least_confident_false_positive_costs_nothing_and_duplicates_count_once_in_the_official_ap()
    {
        // fp at 0.5 below both: remove fp (skipped); remove tp (0.6): 1 left, P = 1, R = 1/2, Pmax 1, AP += 1 · 1/2;
        // remove tp (0.9): AP += 1 · 1/2. AP = 1.
        ActionSegment[] proposals = [S("A", 1, 10, 20, 0.9), S("A", 1, 50, 60, 0.5), S("A", 1, 31, 40, 0.6)];
        Assert.Equal(1.0, PkuMmdEvaluator.AveragePrecision(proposals, TruthA), 12);
        // Two proposals on one truth: all 2: P = 1/2, R = 1, Pmax 1/2. remove the 0.8 copy: the truth is still matched, P = 1, R = 1,
        // Pmax = 1, AP += 1 · 0. remove the 0.9 one: P = R = 0, AP += 1 · 1. AP = 1 (the duplicate is no false positive).
        ActionSegment[] truth = [S("A", 1, 1, 10)];
        Assert.Equal(1.0, PkuMmdEvaluator.AveragePrecision([S("A", 1, 1, 10, 0.9), S("A", 1, 1, 10, 0.8)], truth), 12);
        // VOC reading: a false positive ranked first costs: fp (P 0, R 0), tp (P 1/2, R 1): interpolated AP = 1 · 1/2.
        Assert.Equal(0.5, PkuMmdEvaluator.VocAveragePrecision([S("A", 1, 40, 50, 0.9), S("A", 1, 1, 10, 0.8)], truth), 12);
    }

    [Fact]
    public void An_overlap_of_exactly_the_threshold_matches()
    {
        ActionSegment[] truth = [S("A", 1, 1, 5)];
        // (3 − 1) / (5 − 1) = 0.5 exactly: a match, AP 1. (2 − 1) / (5 − 1) = 0.25: none, AP 0.
        Assert.Equal(1.0, PkuMmdEvaluator.AveragePrecision([S("A", 1, 1, 3, 0.9)], truth, 0.5), 12);
        Assert.Equal(0.0, PkuMmdEvaluator.AveragePrecision([S("A", 1, 1, 2, 0.9)], truth, 0.5), 12);
        // [1, 2] against [1, 4]: official 1/3 (no match), inclusive IoU 2/4 = 0.5 exactly (a match in the VOC reading).
        Assert.Equal(0.0, PkuMmdEvaluator.AveragePrecision([S("A", 1, 1, 2, 0.9)], [S("A", 1, 1, 4)], 0.5), 12);
        Assert.Equal(1.0, PkuMmdEvaluator.VocAveragePrecision([S("A", 1, 1, 2, 0.9)], [S("A", 1, 1, 4)], 0.5), 12);
    }

    [Fact]
    public void Map_a_averages_every_class_with_zero_for_one_without_ground_truth_and_map_v_every_video()
    {
        // Video A: class 1 as above (AP 2/3). Video B: a class-2 truth found exactly (0.5) and a class-3 proposal (0.9), class 3
        // having no ground truth anywhere.
        ActionSegment[] truth = [.. TruthA, S("B", 2, 100, 120)];
        ActionSegment[] proposals = [.. ProposalsA, S("B", 2, 100, 120, 0.5), S("B", 3, 200, 210, 0.9)];
        var m = PkuMmdEvaluator.Evaluate(proposals, truth, ["A", "B"], classes: 3);
        // classes: 1 → 2/3; 2 → one exact proposal: P = R = 1, AP += 1 · (1 − 0) = 1; 3 → no ground truth: 0. mAP_a = (2/3 + 1 + 0) / 3 = 5/9.
        Assert.Equal(2.0 / 3, m.ClassAp[1], 12);
        Assert.Equal(1.0, m.ClassAp[2], 12);
        Assert.Equal(0.0, m.ClassAp[3], 12);
        Assert.Equal(5.0 / 9, m.MapA, 12);
        // videos: A → 2/3; B by rising confidence: class 2 (0.5, matched), class 3 (0.9, unmatched). All 2: P = 1/2, R = 1, Pmax 1/2.
        // remove class 2: P = 0, R = 0, AP += 1/2 · 1. remove class 3: skipped. AP_B = 1/2. mAP_v = (2/3 + 1/2) / 2 = 7/12.
        Assert.Equal(0.5, m.VideoAp["B"], 12);
        Assert.Equal(7.0 / 12, m.MapV, 12);
        // VOC mAP_a: class 1 → 5/6, class 2 → 1, the mean over the classes present in the ground truth (1, 2) = 11/12.
        var voc = PkuMmdEvaluator.Evaluate(proposals, truth, ["A", "B"], classes: 3, style: MapAStyle.VocInclusive);
        Assert.Equal(11.0 / 12, voc.MapA, 12);
        Assert.Equal(m.MapV, voc.MapV, 12);                                                    // mAP_v is the official one in both
    }

    [Fact]
    public void A_video_without_proposals_scores_zero_and_bad_segments_are_named()
    {
        var m = PkuMmdEvaluator.Evaluate([S("A", 1, 1, 10, 0.9)], [S("A", 1, 1, 10), S("C", 1, 5, 9)], ["A", "C"], classes: 1);
        Assert.Equal(0.5, m.MapV, 12);                                                         // A: 1, C: 0
        // class 1 pooled: one proposal, 2 truths, positive 1: P = 1, R = 1/2; remove it: AP += 1 · 1/2.
        Assert.Equal(0.5, m.MapA, 12);
        Assert.Contains("not one of the 1 test videos", Assert.Throws<ArgumentException>(() =>
            PkuMmdEvaluator.Evaluate([S("Z", 1, 1, 2)], [S("A", 1, 1, 2)], ["A"], 1)).Message);
        Assert.Contains("class 4, expected 1…3", Assert.Throws<ArgumentException>(() =>
            PkuMmdEvaluator.Evaluate([S("A", 4, 1, 2)], [S("A", 1, 1, 2)], ["A"], 3)).Message);
        Assert.Contains("expected 1 ≤ Start ≤ End", Assert.Throws<ArgumentException>(() =>
            PkuMmdEvaluator.Evaluate([S("A", 1, 5, 2)], [S("A", 1, 1, 2)], ["A"], 1)).Message);
    }
}
