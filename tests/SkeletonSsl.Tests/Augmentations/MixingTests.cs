using SkeletonSsl.Augmentations;
using SkeletonSsl.Augmentations.Mixing;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Augmentations;

public sealed class MixingTests
{
    private static SkeleMix Only(MixKind kind) => new(kind switch
    {
        MixKind.Mixup => new SkeleMixOptions(CutMixProbability: 0, ResizeMixProbability: 0, MixupProbability: 1),
        MixKind.ResizeMix => new SkeleMixOptions(CutMixProbability: 0, ResizeMixProbability: 1, MixupProbability: 0),
        _ => new SkeleMixOptions(CutMixProbability: 1, ResizeMixProbability: 0, MixupProbability: 0),
    });

    [Fact]
    public void Mixup_output_is_the_lambda_combination_with_the_partner()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 8, t: 64);
        var r = Only(MixKind.Mixup).Mix(ClipBatch.Full(x), Clips.Seeded());
        Assert.Equal(MixKind.Mixup, r.Kind);
        var l = r.Lambda.view(8, 1, 1, 1, 1);
        var expected = (1 - l) * x + l * x.index_select(0, r.Partner);
        Assert.True(Clips.MaxAbsDiff(r.Mixed, expected) < 1e-5f);
        Assert.Equal(1, r.Lambda.unique().Item1.shape[0]);                        // one λ per batch
    }

    [Fact]
    public void Partner_is_a_cyclic_shift_that_never_maps_a_clip_to_itself()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 5, t: 64);
        for (ulong seed = 0; seed < 30; seed++)
        {
            var p = new SkeleMix().Mix(ClipBatch.Full(x), Clips.Seeded(seed)).Partner.data<long>().ToArray();
            long shift = p[0];
            Assert.InRange(shift, 1, 3);                                          // s ~ U{1 … N−2}
            Assert.Equal(Enumerable.Range(0, 5).Select(i => (i + shift) % 5), p);
        }
    }

    [Theory]
    [InlineData(MixKind.CutMix)]
    [InlineData(MixKind.ResizeMix)]
    public void Cut_mixes_replace_a_parts_by_blocks_region_whose_area_is_lambda(MixKind kind)
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 6, t: 64) + 10;
        for (ulong seed = 0; seed < 20; seed++)
        {
            var r = Only(kind).Mix(ClipBatch.Full(x), Clips.Seeded(seed));
            var fromX = r.Mixed.eq(x).all(1).all(3)[0];                              // (T, V) untouched positions of clip 0
            var region = fromX.logical_not();
            double area = region.to(ScalarType.Float64).mean().item<double>();
            Assert.Equal(r.Lambda[0].item<float>(), area, 5);                       // λ = C_t·|S| / (16·25)
            var frames = region.any(1).nonzero().view(-1).data<long>().ToArray();
            Assert.InRange(frames.Length, 28, 44);                                  // 7–11 blocks of 4 frames
            Assert.Equal(frames.Length, frames[^1] - frames[0] + 1);                // contiguous
            Assert.Equal(0, frames[0] % 4);
            long joints = region.any(0).sum().item<long>();
            Assert.InRange(joints, 8, 17);                                          // 2 or 3 body parts
            if (kind == MixKind.CutMix)
            {
                var partner = x.index_select(0, r.Partner);
                var regionMask = region.view(1, 1, 64, 25, 1).expand(6, 3, 64, 25, 2);
                Assert.Equal(0f, Clips.MaxAbsDiff(r.Mixed[regionMask], partner[regionMask]));
            }
        }
    }

    [Fact]
    public void Mix_types_follow_the_spec_probabilities_over_many_batches()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 3, t: 64);
        var g = Clips.Seeded();
        var counts = new Dictionary<MixKind, int> { [MixKind.CutMix] = 0, [MixKind.ResizeMix] = 0, [MixKind.Mixup] = 0 };
        var mix = new SkeleMix();
        for (int i = 0; i < 400; i++)
        {
            using var step = NewDisposeScope();
            counts[mix.Mix(ClipBatch.Full(x), g).Kind]++;
        }
        Assert.InRange(counts[MixKind.CutMix], 165, 235);
        Assert.InRange(counts[MixKind.ResizeMix], 70, 130);
        Assert.InRange(counts[MixKind.Mixup], 70, 130);
    }

    [Fact]
    public void Mixed_rows_use_the_same_lambda_and_partner()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 4, t: 64);
        var r = Only(MixKind.Mixup).Mix(ClipBatch.Full(x), Clips.Seeded());
        var k = eye(4);
        var mixed = r.MixRows(k);
        float l = r.Lambda[0].item<float>();
        long p0 = r.Partner[0].item<long>();
        Assert.Equal(1 - l, mixed[0, 0].item<float>(), 5);
        Assert.Equal(l, mixed[0, p0].item<float>(), 5);
    }

    [Fact]
    public void Mixing_needs_three_clips()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => new SkeleMix().Mix(ClipBatch.Full(Clips.Random(n: 2, t: 64)), Clips.Seeded()));
    }
}
