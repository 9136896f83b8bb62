using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Synthetic;

namespace SkeletonSsl.Tests.Data.Synthetic;

public sealed class SyntheticNtuGeneratorTests
{
    private static readonly SyntheticNtuGenerator Smoke = new(SyntheticConfig.For(SyntheticSize.Smoke));

    private static byte[] Bytes(SyntheticNtuGenerator g, SyntheticClip clip)
    {
        using var ms = new MemoryStream();
        NtuSkeletonWriter.Write(ms, g.Render(clip));
        return ms.ToArray();
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_different_ones()
    {
        var again = new SyntheticNtuGenerator(SyntheticConfig.For(SyntheticSize.Smoke));
        var other = new SyntheticNtuGenerator(SyntheticConfig.For(SyntheticSize.Smoke, seed: 1));
        Assert.Equal(Smoke.Clips, again.Clips);
        foreach (var clip in Smoke.Clips.Where((_, i) => i % 37 == 0))
        {
            Assert.Equal(Bytes(Smoke, clip), Bytes(again, clip));
            Assert.NotEqual(Bytes(Smoke, clip), Bytes(other, clip with { MissingSkeleton = false }));
        }
    }

    [Fact]
    public void Clip_names_cover_classes_subjects_and_three_views()
    {
        Assert.Equal(192, Smoke.Clips.Count);
        Assert.Equal(8, Smoke.Clips.Select(c => c.Label).Distinct().Count());
        Assert.Equal([1, 2, 3], Smoke.Clips.Select(c => c.Camera).Distinct().Order());
        Assert.All(Smoke.Clips, c => Assert.Equal(c.Label, NtuFileName.Parse(c.Name).Label));
        Assert.Equal(Smoke.Clips.Count, Smoke.Clips.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Bodies_are_in_kinect_camera_space_upright_in_front_of_the_sensor()
    {
        foreach (var clip in Smoke.Clips.Where(c => !c.MissingSkeleton).Where((_, i) => i % 11 == 0))
        {
            var seq = Smoke.Render(clip);
            Assert.InRange(seq.FrameCount, 15, 300);
            foreach (var body in seq.Frames.SelectMany(f => f.Bodies).Where(b => b.Info.TrackingState == 2))
            {
                for (int j = 0; j < 25; j++) Assert.InRange(body.Z(j), 1.2f, 5.5f);
                Assert.True(body.Y(3) > body.Y(0) && body.Y(0) > body.Y(14), "head above spine base above ankle (+y up)");
                Assert.True(body.BodyId > 1UL << 53, "body ids are 64-bit tracking ids");
                Assert.Equal(0f, body.Joints[3 * 12 + 7]);              // the head is a leaf: no orientation
                Assert.NotEqual(0f, body.Joints[1 * 12 + 7]);           // SpineMid has one
            }
        }
    }

    [Fact]
    public void Interactions_have_two_bodies_and_single_actions_mostly_one()
    {
        double Mean(Func<SyntheticClip, bool> which) => Smoke.Clips.Where(c => which(c) && !c.MissingSkeleton)
            .Select(c => Smoke.Render(c).Frames.Average(f => (double)f.Bodies.Count)).Average();
        Assert.True(Mean(c => SyntheticActions.Persons(c.Label) == 2) > 1.7);
        Assert.True(Mean(c => SyntheticActions.Persons(c.Label) == 1) < 1.1);
    }

    [Fact]
    public void Missing_skeleton_clips_have_only_empty_frames()
    {
        var missing = Assert.Single(Smoke.Clips.Where(c => c.MissingSkeleton).Take(1));
        Assert.All(Smoke.Render(missing).Frames, f => Assert.Empty(f.Bodies));
    }
}
