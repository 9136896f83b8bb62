using SkeletonSsl.Methods.Shared;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Methods.Shared;

public sealed class NegativeQueueTests
{
    [Fact]
    public void Initial_entries_are_unit_columns()
    {
        using var queue = new NegativeQueue(dim: 4, size: 10, new Generator(3));
        var norms = queue.Keys.norm(0).data<float>().ToArray();
        Assert.All(norms, n => Assert.Equal(1f, n, 5));
        Assert.Equal(0L, queue.Pointer.item<long>());
    }

    [Fact]
    public void Enqueue_overwrites_the_oldest_columns_in_fifo_order_and_wraps()
    {
        using var queue = new NegativeQueue(dim: 2, size: 4, new Generator(3));
        queue.Enqueue(tensor(new float[,] { { 1, 1 }, { 2, 2 }, { 3, 3 } }));     // columns 0, 1, 2
        Assert.Equal(3L, queue.Pointer.item<long>());
        queue.Enqueue(tensor(new float[,] { { 4, 4 }, { 5, 5 }, { 6, 6 } }));     // columns 3, then 0, 1
        Assert.Equal(2L, queue.Pointer.item<long>());
        var firstRow = queue.Keys[0].data<float>().ToArray();
        Assert.Equal(new float[] { 5, 6, 3, 4 }, firstRow);
    }

    [Fact]
    public void Snapshot_does_not_change_when_the_queue_is_written()
    {
        using var queue = new NegativeQueue(dim: 2, size: 4, new Generator(3));
        var before = queue.Snapshot();
        var copy = before.clone();
        queue.Enqueue(tensor(new float[,] { { 9, 9 } }));
        Assert.True(before.equal(copy).all().item<bool>());
        Assert.False(queue.Keys.equal(copy).all().item<bool>());
    }

    [Fact]
    public void Queue_state_round_trips_through_the_state_dict()
    {
        using var a = new NegativeQueue(dim: 2, size: 4, new Generator(3));
        a.Enqueue(tensor(new float[,] { { 7, 7 } }));
        using var b = new NegativeQueue(dim: 2, size: 4, new Generator(99));
        b.load_state_dict(a.state_dict());
        Assert.True(a.Keys.equal(b.Keys).all().item<bool>());
        Assert.Equal(1L, b.Pointer.item<long>());
    }
}
