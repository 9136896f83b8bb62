using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Training;

public sealed class MultiStepScheduleTests
{
    [Fact]
    public void AimClr_rate_is_0_1_through_epoch_250_then_0_01()
    {
        var s = MultiStepSchedule.From(new TrainingConfig());
        Assert.Equal(0.1, s.RateAt(1), 12);
        Assert.Equal(0.1, s.RateAt(250), 12);
        Assert.Equal(0.01, s.RateAt(251), 12);
        Assert.Equal(0.01, s.RateAt(300), 12);
    }

    [Fact]
    public void Each_step_multiplies_by_the_decay_after_its_epoch()
    {
        var s = new MultiStepSchedule(1.0, [2, 4], 0.5);
        Assert.Equal(new[] { 1.0, 1.0, 0.5, 0.5, 0.25 }, Enumerable.Range(1, 5).Select(s.RateAt));
    }
}
