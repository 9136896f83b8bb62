using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Skeletons;

public sealed class NtuLayoutTests
{
    [Fact]
    public void Body_parts_partition_the_25_joints()
    {
        var all = NtuLayout.BodyParts.SelectMany(p => p.Joints).OrderBy(j => j).ToArray();
        Assert.Equal(Enumerable.Range(0, 25), all);
        Assert.Equal([5, 6, 6, 4, 4], NtuLayout.BodyParts.Select(p => p.Joints.Count));
    }

    [Fact]
    public void Flip_permutation_is_an_involution_that_swaps_sides()
    {
        var p = NtuLayout.FlipPermutation;
        for (int j = 0; j < 25; j++) Assert.Equal(j, p[p[j]]);
        Assert.Equal(NtuLayout.ShoulderRight, p[NtuLayout.ShoulderLeft]);
        Assert.Equal(NtuLayout.CenterJoint, p[NtuLayout.CenterJoint]);
    }

    [Fact]
    public void Bones_form_a_tree_rooted_at_spine_shoulder_with_24_edges()
    {
        Assert.Equal(25, NtuLayout.BonePairs.Select(b => b.Child).Distinct().Count());
        Assert.Equal(24, NtuLayout.Edges.Count);
        Assert.Contains((NtuLayout.CenterJoint, NtuLayout.CenterJoint), NtuLayout.BonePairs);
        Assert.Contains((21, 22), NtuLayout.BonePairs); // hand tip hangs off the thumb (1-based 22 -> 23)
    }

    [Fact]
    public void Bone_stream_subtracts_the_parent_and_motion_is_a_forward_difference()
    {
        using var scope = NewDisposeScope();
        var x = arange(2 * 3 * 4 * 25 * 2, dtype: float32).reshape(2, 3, 4, 25, 2);
        var bone = Streams.Bone(x);
        // Joint 0 (SpineBase) has parent 1 (SpineMid): difference of one joint step = -2 (M = 2 innermost).
        Assert.Equal(-2f, bone[0, 0, 0, 0, 0].item<float>());
        Assert.Equal(0f, bone[1, 2, 3, NtuLayout.CenterJoint, 1].item<float>());
        var motion = Streams.Motion(x);
        Assert.Equal(x.shape, motion.shape);
        Assert.Equal(50f, motion[0, 0, 0, 0, 0].item<float>()); // one frame = 25·2 elements
        Assert.Equal(0f, motion.select(2, 3).abs().sum().item<float>());
    }
}
