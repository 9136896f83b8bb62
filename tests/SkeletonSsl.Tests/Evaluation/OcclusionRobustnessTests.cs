using SkeletonSsl.Augmentations.Masks;
using SkeletonSsl.Data;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class OcclusionRobustnessTests
{
    private static readonly OcclusionConfig Smoke = new OcclusionConfig
    {
        Linear = LinearProbeConfig.AimClr.For(Profile.Smoke) with
        {
            Recipe = LinearProbeConfig.AimClr.Recipe.For(Profile.Smoke) with { BatchSize = 32, LearningRate = 0.5 },
        },
        ChunkSize = 7,                                                                    // several chunks, the last one short
    };

    [Fact]
    public void The_clean_top1_is_the_linear_probes_own_result_trained_once_with_the_same_seed()
    {
        var (train, test) = SyntheticClips.Separable(20, 10, 3, noise: 2.0, seed: 31);
        using var a = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 32);
        using var b = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 32);
        var occlusion = OcclusionRobustness.Run(a, train, test, SkeletonStream.Joint, Smoke, new Generator(33), CPU);
        var linear = LinearProbe.Run(b, train, test, SkeletonStream.Joint, Smoke.Linear, new Generator(33), CPU);
        Assert.Equal(linear.Top1, occlusion.Clean.Top1);
        Assert.Equal(linear.History.Select(h => h.Top1), occlusion.Clean.History.Select(h => h.Top1));
    }

    [Fact]
    public void Without_occlusion_the_occluded_sets_score_exactly_the_best_checks_clean_top1()
    {
        // Ratio range [0, 0]: 0 parts and a 0-frame block, so both "occluded" sets equal the clean test set; the installed
        // head must then reproduce the best check's top-1 through the same test path (motion stream: computed after occlusion).
        var (train, test) = SyntheticClips.Separable(20, 10, 3, noise: 2.0, seed: 34);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 35);
        var config = Smoke with { Ratio = new OcclusionOptions(0, 0) };
        var r = OcclusionRobustness.Run(encoder, train, test, SkeletonStream.Motion, config, new Generator(36), CPU);
        Assert.Equal(r.Clean.Top1, r.SpatialTop1, 9);
        Assert.Equal(r.Clean.Top1, r.TemporalTop1, 9);
        Assert.Equal(r.Clean.Top5, r.SpatialTop5, 9);
    }

    [Fact]
    public void Occluding_everything_leaves_one_prediction_for_all_clips_so_top1_is_one_class_share()
    {
        // Ratio [1, 1]: all 5 parts, and a block of all 4 valid frames: every clip becomes zeros, the frozen features and so the
        // logits are the same for every clip, one class wins for all 30 test clips; the classes are balanced (10 each): 10/30.
        var (train, test) = SyntheticClips.Separable(20, 10, 3, noise: 0.5, seed: 37);
        using var encoder = new TinyEncoder(SyntheticClips.InputSize, 16, seed: 38);
        var r = OcclusionRobustness.Run(encoder, train, test, SkeletonStream.Joint, Smoke with { Ratio = new OcclusionOptions(1, 1) }, new Generator(39), CPU);
        Assert.True(r.Clean.Top1 > 0.9, $"clean top-1 {r.Clean.Top1}");
        Assert.Equal(1.0 / 3, r.SpatialTop1, 9);
        Assert.Equal(1.0 / 3, r.TemporalTop1, 9);
    }

    [Fact]
    public void The_occluded_copy_is_fixed_by_its_seed_and_keeps_labels_names_and_frame_counts()
    {
        using var scope = NewDisposeScope();
        long[] frames = [.. Enumerable.Range(0, 20).Select(i => (long)(3 + i % 8))];        // 3 … 10 valid frames of T = 10
        var g = new Generator(40);
        var x = rand([20, 3, 10, 25, 2], generator: g) + 1;                                     // no zeros before occlusion
        for (int i = 0; i < frames.Length; i++) x[i, .., TensorIndex.Slice(frames[i])].fill_(0);  // zero padding after the valid frames
        using var data = new SkeletonDataset(x, [.. Enumerable.Range(0, 20).Select(i => (long)(i % 4))], [.. Enumerable.Range(0, 20).Select(i => $"c{i}")], 4, frames);
        var temporal = new TemporalOcclusion();
        using var a = OcclusionRobustness.Occluded(data, temporal, seed: 2, chunkSize: 6);
        using var b = OcclusionRobustness.Occluded(data, temporal, seed: 2, chunkSize: 6);
        using var c = OcclusionRobustness.Occluded(data, temporal, seed: 3, chunkSize: 6);
        Assert.True(a.Data.eq(b.Data).all().item<bool>());
        Assert.False(a.Data.eq(c.Data).all().item<bool>());
        Assert.Equal(data.Labels, a.Labels);
        Assert.Equal(data.Names, a.Names);
        Assert.Equal(data.Frames, a.Frames);                                                    // even where the block ends the clip
        var hidden = a.Data.eq(0).all(1).all(2).all(2);                                        // (N, T): frame zeroed for every joint and body
        for (int i = 0; i < frames.Length; i++)
        {
            // hidden valid frames: one block of round(r·n) ∈ [⌈0.3n⌉, ⌊0.7n⌋] frames, e.g. n = 3 → 1 frame, n = 10 → 3 … 7
            long n = frames[i];
            var row = hidden[i].data<bool>().ToArray();
            int count = row.Take((int)n).Count(h => h);
            Assert.InRange(count, (int)Math.Ceiling(0.3 * n), (int)Math.Floor(0.7 * n));
            int first = Array.IndexOf(row, true);
            Assert.All(row.Skip(first).Take(count), h => Assert.True(h));                                 // contiguous
        }
        using var spatial = OcclusionRobustness.Occluded(data, new SpatialOcclusion(), seed: 1, chunkSize: 6);
        using var again = OcclusionRobustness.Occluded(data, new SpatialOcclusion(), seed: 1, chunkSize: 6);
        Assert.True(spatial.Data.eq(again.Data).all().item<bool>());
        var zeroJoints = spatial.Data.eq(0).all(1).all(1).all(2);                              // (N, V): joint zeroed in every frame and body
        var perClip = zeroJoints.sum(1).data<long>().ToArray();
        // 2 of 5 parts hide 8 … 12 joints (two legs 8; trunk + arm 11; two arms 12), 3 parts 13 … 17 (e.g. trunk + legs 13).
        Assert.All(perClip, k => Assert.InRange(k, 8, 17));
    }
}
