using SkeletonSsl.Evaluation;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class StreamFusionTests
{
    [Fact]
    public void Fused_scores_are_the_weighted_sum_of_logits_matched_by_name()
    {
        var joint = new Dictionary<string, float[]> { ["a"] = [1, 0], ["b"] = [0, 1] };
        var bone = new Dictionary<string, float[]> { ["b"] = [0, 2], ["a"] = [3, 0] };   // other order: matched by name
        var motion = new Dictionary<string, float[]> { ["a"] = [0, 10], ["b"] = [5, 0], ["extra"] = [9, 9] };
        var labels = new Dictionary<string, long> { ["a"] = 1, ["b"] = 0 };
        var logits = new Dictionary<SkeletonStream, IReadOnlyDictionary<string, float[]>>
        {
            [SkeletonStream.Joint] = joint, [SkeletonStream.Bone] = bone, [SkeletonStream.Motion] = motion,
        };
        var fused = StreamFusion.Fuse(logits, labels);
        // a: 0.6·[1,0] + 0.6·[3,0] + 0.4·[0,10] = [2.4, 4.0] → class 1 (right)
        // b: 0.6·[0,1] + 0.6·[0,2] + 0.4·[5,0] = [2.0, 1.8] → class 0 (right)
        Assert.Equal(new[] { 2.4f, 4.0f }, fused.Scores["a"], (x, y) => Math.Abs(x - y) < 1e-5);
        Assert.Equal(new[] { 2.0f, 1.8f }, fused.Scores["b"], (x, y) => Math.Abs(x - y) < 1e-5);
        Assert.Equal(1.0, fused.Top1);
        Assert.Equal(2, fused.Count);
        // With equal weights b becomes [5, 3] → still 0, a becomes [4, 13] → 1; joint alone gets both wrong... except none.
        var jointOnly = StreamFusion.Fuse(new Dictionary<SkeletonStream, IReadOnlyDictionary<string, float[]>> { [SkeletonStream.Joint] = joint }, labels);
        Assert.Equal(0.0, jointOnly.Top1);
        Assert.Equal(1.0, jointOnly.Top5);
    }

    [Fact]
    public void A_sample_missing_from_a_stream_is_reported_by_name()
    {
        var logits = new Dictionary<SkeletonStream, IReadOnlyDictionary<string, float[]>>
        {
            [SkeletonStream.Joint] = new Dictionary<string, float[]> { ["a"] = [1, 0] },
            [SkeletonStream.Bone] = new Dictionary<string, float[]>(),
        };
        var e = Assert.Throws<ArgumentException>(() => StreamFusion.Fuse(logits, new Dictionary<string, long> { ["a"] = 0 }));
        Assert.Contains("'a'", e.Message);
        Assert.Contains("Bone", e.Message);
    }
}
