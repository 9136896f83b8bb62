using SkeletonSsl.Data;
using SkeletonSsl.Reporting;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Reporting;

/// <summary>The occlusion protocol's test sets as a reader sees them: hidden shares within the ratio range, counted over valid frames only.</summary>
public sealed class OcclusionViewsTests
{
    private static SkeletonDataset Clips()
    {
        var g = new Generator(3);
        var x = randn([6, 3, 40, 25, 1], generator: g);                                   // (N, C, T, V, M), no zeros
        long[] frames = [40, 30, 20, 40, 10, 25];
        return new SkeletonDataset(x, [0, 1, 0, 1, 0, 1], ["a", "b", "c", "d", "e", "f"], 2, frames);
    }

    [Fact]
    public void Hidden_shares_follow_the_ratio_range_over_the_valid_frames_even_where_the_padding_repeats_the_clip()
    {
        using var test = Clips();
        using var views = new OcclusionViews(test);
        var shares = views.Shares();
        Assert.Equal(["spatial", "temporal"], shares.Columns["occlusion"].Cast<string>());
        foreach (long r in new long[] { 0, 1 })
        {
            double min = (double)shares.Columns["hidden share, min"][r], max = (double)shares.Columns["max"][r];
            Assert.InRange(min, 0.3 - 1e-9, max);                                            // 2-3 of 5 parts: 8-17 of 25 joints
            Assert.InRange(max, min, 0.7 + 1e-9);                                            // a block of round(r·n), r ≤ 0.7
        }
        int clip = views.InnerBlockClip();
        Assert.InRange(clip, 0, views.Count - 1);
        Assert.NotNull(views.Animated(clip));
        Assert.NotNull(views.Map(clip, "temporal"));
        Assert.Contains("kind", Assert.Throws<ArgumentException>(() => views.Map(clip, "both")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => views.Animated(views.Count));
    }
}
