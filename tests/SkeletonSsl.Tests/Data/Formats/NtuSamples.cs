using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Tests.Data.Formats;

/// <summary>Seeded random NTU sequences for round-trip tests.</summary>
internal static class NtuSamples
{
    public static NtuSkeletonSequence Random(int seed, int frames, int maxBodies)
    {
        var rng = new Random(seed);
        var list = new NtuFrame[frames];
        for (int f = 0; f < frames; f++)
        {
            int count = f % 7 == 3 ? 0 : rng.Next(1, maxBodies + 1);
            var bodies = new NtuBody[count];
            for (int b = 0; b < count; b++)
            {
                var joints = new float[25 * 12];
                for (int i = 0; i < joints.Length; i++)
                    joints[i] = i % 12 == 11 ? rng.Next(3) : (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 4)));
                var info = new NtuBodyInfo(rng.Next(16), rng.Next(2), rng.Next(5), rng.Next(2), rng.Next(5), rng.Next(2),
                    (float)(rng.NextDouble() - 0.5), (float)(rng.NextDouble() - 0.5), 2);
                bodies[b] = new NtuBody(72057594037927936UL + (ulong)rng.Next(100000) * 3 + (ulong)b, info, joints);
            }
            list[f] = new NtuFrame(bodies);
        }
        return new NtuSkeletonSequence(list);
    }

    public static void AssertEqual(NtuSkeletonSequence expected, NtuSkeletonSequence actual)
    {
        Assert.Equal(expected.FrameCount, actual.FrameCount);
        for (int f = 0; f < expected.FrameCount; f++)
        {
            var e = expected.Frames[f].Bodies;
            var a = actual.Frames[f].Bodies;
            Assert.Equal(e.Count, a.Count);
            for (int b = 0; b < e.Count; b++)
            {
                Assert.Equal(e[b].BodyId, a[b].BodyId);
                Assert.Equal(e[b].Info, a[b].Info);
                Assert.Equal(e[b].Joints, a[b].Joints);
            }
        }
    }
}
