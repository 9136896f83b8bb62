using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Tests.Data;

public sealed class PkuFrameLabelsTests
{
    [Fact]
    public void Frames_inside_an_instance_get_its_class_the_rest_background_and_the_padding_255()
    {
        // Recording 0, 8 frames: class 3 on label frames 2…4 (1-based, inclusive) → 0-based 1…3; class 1 on 7…9, cut at frame 8.
        // Recording 1, 5 frames of the padded 8: class 2 on 1…1 → frame 0.
        IReadOnlyList<PkuActionInstance>[] instances = [[new(3, 2, 4, 1), new(1, 7, 9, 2)], [new(2, 1, 1, 1)]];
        var (labels, overlapping) = PkuFrameLabels.Of(instances, [8, 5], length: 8);
        Assert.Equal([0L, 3, 3, 3, 0, 0, 1, 1], labels[0].data<long>().ToArray());
        Assert.Equal([2L, 0, 0, 0, 0, 255, 255, 255], labels[1].data<long>().ToArray());
        Assert.Equal(0, overlapping);
        // The released code's [start, end) on 0-based rows: class 3 on 2…3, class 1 on 7.
        var (released, _) = PkuFrameLabels.Of(instances, [8, 5], length: 8, PkuLabelSpan.ReleasedHalfOpen);
        Assert.Equal([0L, 0, 3, 3, 0, 0, 0, 1], released[0].data<long>().ToArray());
        Assert.Equal([0L, 0, 0, 0, 0, 255, 255, 255], released[1].data<long>().ToArray());   // [1, 1) is empty
    }

    [Fact]
    public void Where_instances_overlap_the_later_line_wins_and_the_frames_are_counted()
    {
        // class 5 on 1…4, then class 6 on 3…6: frames 2, 3 (0-based) are in both → labels 5 5 6 6 6 6, 2 overlapping frames.
        var (labels, overlapping) = PkuFrameLabels.Of([[new(5, 1, 4, 1), new(6, 3, 6, 1)]], [6], length: 6);
        Assert.Equal([5L, 5, 6, 6, 6, 6], labels[0].data<long>().ToArray());
        Assert.Equal(2, overlapping);
    }

    [Fact]
    public void A_frame_count_outside_the_padded_length_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => PkuFrameLabels.Of([[]], [9], length: 8));
        Assert.Contains("frames[0] = 9", e.Message);
    }
}
