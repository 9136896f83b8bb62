using SkeletonSsl.Augmentations;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Augmentations;

public sealed class CmdAugmentationTests
{
    [Fact]
    public void Crop_resize_gives_64_frames_for_long_and_short_clips()
    {
        using var scope = NewDisposeScope();
        var x = new ClipBatch(Clips.Padded([300, 120, 64, 40, 7], t: 300), [300, 120, 64, 40, 7]);
        foreach (var crop in new[] { TemporalCropResize.Random(), TemporalCropResize.Centre() })
        {
            var y = crop.Apply(x, Clips.Seeded());
            Assert.Equal([5L, 3, 64, 25, 2], y.X.shape);
            Assert.All(y.Frames, f => Assert.Equal(64L, f));                       // every output frame is valid
        }
    }

    [Fact]
    public void Crop_resize_of_a_64_frame_clip_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 4, t: 64);
        Assert.True(Clips.MaxAbsDiff(TemporalCropResize.Random().Apply(ClipBatch.Full(x), Clips.Seeded()).X, x) < 1e-6f);
    }

    [Fact]
    public void Crop_resize_interpolates_a_linear_ramp_exactly_inside_the_window()
    {
        using var scope = NewDisposeScope();
        var ramp = arange(200, dtype: ScalarType.Float32).add(1).view(1, 1, 200, 1, 1).expand(64, 3, 200, 25, 2).contiguous();
        var y = TemporalCropResize.Random().Apply(ClipBatch.Full(ramp), Clips.Seeded()).X[.., 0, .., 0, 0];   // (N, 64)
        var step = y[.., 10] - y[.., 9];
        var steps = y.narrow(1, 1, 62) - y.narrow(1, 0, 62);                     // interior: constant slope L/64
        Assert.True((steps.narrow(1, 1, 60) - step.unsqueeze(1)).abs().max().item<float>() < 1e-3f);
        Assert.True(step.min().item<float>() >= 1f - 1e-4f);                    // L ≥ 64 for n = 200
        Assert.True(step.max().item<float>() <= 200f / 64 + 1e-4f);
    }

    [Fact]
    public void Crop_ratio_draws_cover_the_spec_range()
    {
        using var scope = NewDisposeScope();
        var x = Enumerable.Repeat(300L, 2000).ToArray();
        var (start, length) = TemporalCropResize.Random().Windows(x, Clips.Seeded());
        Assert.True(length.min().item<long>() >= 64 && length.max().item<long>() <= 300);
        Assert.True((start + length).max().item<long>() <= 300 && start.min().item<long>() == 0);
        var clamped = length.eq(64).to(ScalarType.Float64).mean().item<double>();  // P(⌊300·s⌋ ≤ 64) = (64/300 − 0.1)/0.9 ≈ 0.126
        Assert.InRange(clamped, 0.09, 0.16);
        var (_, downstream) = TemporalCropResize.Random(0.5, 1.0).Windows(x, Clips.Seeded());
        Assert.True(downstream.min().item<long>() >= 150);
    }

    [Fact]
    public void Centre_crop_keeps_the_middle_95_percent()
    {
        using var scope = NewDisposeScope();
        var (start, length) = TemporalCropResize.Centre().Windows([200, 100], Clips.Seeded());
        Assert.Equal([5L, 2], start.data<long>().ToArray());                      // int(0.025·n)
        Assert.Equal([190L, 96], length.data<long>().ToArray());
    }

    [Fact]
    public void Joint_jitter_changes_exactly_15_joints_per_clip()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 200, t: 4) + 3;
        var y = new JointJitter().Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        var changed = (y - x).abs().sum([1, 2, 4]).gt(1e-6).sum(1);                  // joints changed per clip
        Assert.True(changed.eq(15).all().item<bool>());
        var zeroed = y.abs().sum([1, 2, 3, 4]).lt(1e-12);
        var zeroedJointsPerClip = y.abs().sum([1, 2, 4]).eq(0).sum(1);
        var zeroClips = zeroedJointsPerClip.eq(15).sum().item<long>();
        Assert.InRange(zeroClips, 70, 130);                                       // half the clips zero their joints
        Assert.False(zeroed.any().item<bool>());
    }

    [Fact]
    public void One_of_picks_each_branch_about_half_the_time()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 600, t: 2);
        var y = new OneOf(new TemporalFlip(1.0), new Shear(0)).Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        var flipped = (y - x).abs().sum([1, 2, 3, 4]).gt(0).sum().item<long>();
        Assert.InRange(flipped, 250, 350);
    }
}
