using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Preprocessing;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Data.Preprocessing;

public sealed class RawSkeletonArrayTests
{
    private static NtuBody Body(float x0, float amplitude, int t)
    {
        var j = new float[25 * 12];
        for (int v = 0; v < 25; v++)
        {
            j[v * 12] = x0 + amplitude * (float)Math.Sin(0.3 * t + v);
            j[v * 12 + 1] = 0.1f * v;
            j[v * 12 + 2] = 3f;
        }
        return new NtuBody((ulong)(x0 * 10 + 72057594037927936), new NtuBodyInfo(0, 0, 0, 0, 0, 0, 0, 0, 2), j);
    }

    /// <summary>Per frame: a static noise body listed first, the moving person second, a third static body.</summary>
    private static NtuSkeletonSequence NoisyFirst(int frames) =>
        new(Enumerable.Range(0, frames).Select(t => new NtuFrame([Body(-1, 0, t), Body(0.5f, 0.3f, t), Body(2, 0.01f, t)])).ToArray());

    [Fact]
    public void Gendata_keeps_the_first_two_listed_bodies_in_order()
    {
        var seq = NoisyFirst(12);
        var x = new float[RawSkeletonArray.Size];
        Assert.Equal(12, RawSkeletonArray.FirstTwoBodies(seq, x));
        Assert.Equal(-1f, x[RawSkeletonArray.At(0, 3, 0, 0)]);
        Assert.Equal(seq.Frames[3].Bodies[1].X(0), x[RawSkeletonArray.At(0, 3, 0, 1)]);
        Assert.Equal(0f, x[RawSkeletonArray.At(2, 12, 0, 0)]);
    }

    [Fact]
    public void Energy_selection_puts_the_moving_body_first_and_drops_the_least_energetic()
    {
        var seq = NoisyFirst(12);
        var x = new float[RawSkeletonArray.Size];
        RawSkeletonArray.EnergySelected(seq, x);
        Assert.Equal(seq.Frames[5].Bodies[1].X(3), x[RawSkeletonArray.At(0, 5, 3, 0)]);
        Assert.Equal(seq.Frames[5].Bodies[2].X(3), x[RawSkeletonArray.At(0, 5, 3, 1)]);
    }

    [Fact]
    public void Files_longer_than_300_frames_are_truncated()
    {
        var seq = NoisyFirst(310);
        var x = new float[RawSkeletonArray.Size];
        Assert.Equal(300, RawSkeletonArray.FirstTwoBodies(seq, x));
    }

    [Fact]
    public void Samples_without_any_body_are_dropped_with_a_reason_by_both_pipelines()
    {
        NativeRuntime.EnsureInitialised();
        var empty = new NtuSkeletonSequence(Enumerable.Range(0, 20).Select(_ => new NtuFrame([])).ToArray());
        foreach (var pipeline in new[] { PreparePipeline.AimClr, PreparePipeline.Cmd })
        {
            var result = ClipBatchProcessor.Process(pipeline, [NoisyFirst(30), empty]);
            Assert.Equal([0], result.Kept);
            Assert.Equal(1, Assert.Single(result.Dropped).Index);
            Assert.Equal(pipeline.Frames, (int)result.Data.shape[2]);
            result.Data.Dispose();
        }
    }
}
