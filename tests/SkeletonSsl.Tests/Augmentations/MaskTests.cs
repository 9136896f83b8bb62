using SkeletonSsl.Augmentations;
using SkeletonSsl.Augmentations.Masks;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Augmentations;

public sealed class MaskTests
{
    [Fact]
    public void Topology_mask_hides_3_of_5_parts_per_8_frame_clip_on_the_first_person_only()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 4, t: 64) + 10;
        for (ulong seed = 0; seed < 10; seed++)
        {
            using var r = new TopologyMask().Mask(ClipBatch.Full(x), Clips.Seeded(seed));
            Assert.Equal(x.shape, r.Mask.shape);
            Assert.True(r.Mask.eq(0).logical_or(r.Mask.eq(1)).all().item<bool>());
            Assert.Equal(0f, Clips.MaxAbsDiff(r.Masked, x * r.Mask));
            Assert.True(r.Mask[.., .., .., .., 1].eq(1).all().item<bool>());          // second person visible
            var hidden = r.Mask[0, 0, .., .., 0].eq(0);                               // (T, V)
            Assert.True(r.Mask[.., .., .., .., 0].eq(r.Mask[0, 0, .., .., 0]).all().item<bool>());   // one pattern per batch
            for (int clip = 0; clip < 8; clip++)
            {
                var block = hidden.narrow(0, clip * 8, 8);
                Assert.True(block.eq(block[0]).all().item<bool>());                   // same joints in all 8 frames
                var parts = NtuLayout.BodyParts.Count(p => block[0][tensor(p.Joints.Select(j => (long)j).ToArray())].all().item<bool>());
                var partial = NtuLayout.BodyParts.Count(p => block[0][tensor(p.Joints.Select(j => (long)j).ToArray())].any().item<bool>());
                Assert.Equal(3, parts);
                Assert.Equal(3, partial);                                              // whole parts only
                Assert.InRange(block[0].sum().item<long>(), 12, 17);                  // 48–68 % of the joints
            }
        }
    }

    [Fact]
    public void Topology_mask_averages_60_percent_of_the_first_persons_joints()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 3, t: 64);
        var g = Clips.Seeded();
        double total = 0;
        for (int i = 0; i < 100; i++)
        {
            using var r = new TopologyMask().Mask(ClipBatch.Full(x), g);
            total += r.MaskedFraction().mean().item<float>();
        }
        Assert.InRange(total / 100, 0.57, 0.63);
    }

    [Fact]
    public void Random_joint_mask_hides_exactly_the_ratio_of_positions()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 4, t: 64) + 10;
        using var r = new RandomJointMask(0.6).Mask(ClipBatch.Full(x), Clips.Seeded());
        Assert.Equal(Math.Round(0.6 * 64 * 25), r.Mask[0, 0, .., .., 0].eq(0).sum().item<long>());
        Assert.True(r.Mask[.., .., .., .., 1].eq(1).all().item<bool>());
        using var perSample = new RandomJointMask(0.4, perSample: true).Mask(ClipBatch.Full(x), Clips.Seeded());
        Assert.True(perSample.Mask[0].ne(perSample.Mask[1]).any().item<bool>());
        Assert.InRange(perSample.MaskedFraction().min().item<float>(), 0.399f, 0.401f);
    }

    [Fact]
    public void Spatial_occlusion_hides_whole_parts_with_a_ratio_in_the_paper_range()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 500, t: 4) + 10;
        using var r = new SpatialOcclusion().Occlude(ClipBatch.Full(x), seed: 42);
        var fraction = r.MaskedFraction(bodies: 2);
        Assert.True(fraction.min().item<float>() >= 0.3f && fraction.max().item<float>() <= 0.7f);
        var hiddenJoints = r.Mask[.., 0, 0, .., 0].eq(0);                           // (N, V), same over time and bodies
        Assert.True(r.Mask.eq(r.Mask[.., .., 0..1, .., 0..1]).all().item<bool>());
        var partsHidden = NtuLayout.BodyParts
            .Select(p => hiddenJoints.index_select(1, tensor(p.Joints.Select(j => (long)j).ToArray())))
            .ToArray();
        Assert.All(partsHidden, h => Assert.True(h.all(1).eq(h.any(1)).all().item<bool>()));   // whole parts
        var count = stack(partsHidden.Select(h => h.all(1)).ToArray(), 1).sum(1);
        Assert.True(count.ge(2).all().item<bool>() && count.le(3).all().item<bool>());
        Assert.InRange(count.eq(2).sum().item<long>(), 180, 320);                  // both counts occur
    }

    [Fact]
    public void Temporal_occlusion_hides_one_block_of_30_to_70_percent_of_the_valid_frames()
    {
        using var scope = NewDisposeScope();
        long[] lengths = [.. Enumerable.Range(0, 300).Select(i => (long)(20 + i % 280))];
        var x = Clips.Padded(lengths, t: 300) + 0;
        for (int i = 0; i < lengths.Length; i++) x[i, .., TensorIndex.Slice(0, lengths[i])] += 10;
        using var r = new TemporalOcclusion().Occlude(new ClipBatch(x, lengths), seed: 3);
        var hiddenFrames = r.Mask[.., 0, .., 0, 0].eq(0);                           // (N, T)
        var blockLength = hiddenFrames.sum(1).to(ScalarType.Float64);
        var valid = tensor(lengths).to(ScalarType.Float64);
        var ratio = blockLength / valid;
        Assert.True(ratio.min().item<double>() >= 0.3 && ratio.max().item<double>() <= 0.7);
        var first = hiddenFrames.to(ScalarType.Int64).argmax(1);
        var last = (first + blockLength.to(ScalarType.Int64) - 1);
        Assert.True(last.lt(tensor(lengths)).all().item<bool>());                  // inside the valid frames
        Assert.Equal(blockLength.to(ScalarType.Int64), (last - first + 1));        // contiguous
    }

    [Fact]
    public void Occlusion_is_deterministic_from_the_seed()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 16, t: 50);
        using var a = new SpatialOcclusion().Occlude(ClipBatch.Full(x), 5);
        using var b = new SpatialOcclusion().Occlude(ClipBatch.Full(x), 5);
        using var c = new SpatialOcclusion().Occlude(ClipBatch.Full(x), 6);
        Assert.Equal(0f, Clips.MaxAbsDiff(a.Masked, b.Masked));
        Assert.True(Clips.MaxAbsDiff(a.Mask, c.Mask) > 0);
        using var d = new TemporalOcclusion().Occlude(ClipBatch.Full(x), 5);
        using var e = new TemporalOcclusion().Occlude(ClipBatch.Full(x), 5);
        Assert.Equal(0f, Clips.MaxAbsDiff(d.Masked, e.Masked));
    }
}
