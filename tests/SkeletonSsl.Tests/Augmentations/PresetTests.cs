using SkeletonSsl.Augmentations;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Augmentations;

public sealed class PresetTests
{
    public static TheoryData<string> PresetNames() => new(AugmentationPresets.Names);

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Same_seed_gives_the_same_views_and_another_seed_differs(string name)
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 8, t: InputFrames(name));
        var preset = AugmentationPresets.Create(name);
        var a = preset.Apply(ClipBatch.Full(x), Clips.Seeded(1)).X;
        var b = preset.Apply(ClipBatch.Full(x), Clips.Seeded(1)).X;
        Assert.Equal(0f, Clips.MaxAbsDiff(a, b));
        if (name != "cmd-test")                                                    // the centre crop is deterministic
        {
            var c = preset.Apply(ClipBatch.Full(x), Clips.Seeded(2)).X;
            Assert.True(Clips.MaxAbsDiff(a, c) > 0);
        }
    }

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Presets_give_the_papers_clip_lengths(string name)
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 5, t: InputFrames(name));
        var y = AugmentationPresets.Create(name).Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        long[] expected = [5, 3, name.StartsWith("aimclr") ? 50 : 64, 25, 2];
        Assert.Equal(expected, y.shape);
        Assert.Equal(x.device.type, y.device.type);
        Assert.False(y.isnan().any().item<bool>());
    }

    /// <summary>AimCLR's 50-frame clips, PCM3's 64-frame mixing input, else longer raw clips to crop.</summary>
    private static long InputFrames(string name) => name.StartsWith("aimclr") ? 50 : name == "pcm3-inter" ? 64 : 120;

    [Fact]
    public void Extreme_chain_follows_the_paper_by_default_and_the_release_as_an_option()
    {
        var paper = (Compose)AugmentationPresets.Create("aimclr-extreme");
        var released = (Compose)AugmentationPresets.Create("aimclr-extreme-released");
        Assert.Equal(["crop", "shear", "spatial-flip", "rotate", "temporal-flip", "gaussian-noise", "gaussian-blur", "axis-mask"],
            paper.Steps.Select(s => s.Name));
        Assert.DoesNotContain(released.Steps, s => s is TemporalFlip);
        Assert.Equal(7, released.Steps.Count);
    }

    [Theory]
    [InlineData("aimclr-normal")]
    [InlineData("aimclr-extreme")]
    [InlineData("a2mc-strong")]
    public void Fused_chain_equals_the_steps_applied_one_after_another(string name)
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 12, t: 50);
        var chain = (Compose)AugmentationPresets.Create(name);
        var fused = chain.Apply(ClipBatch.Full(x), Clips.Seeded(9)).X;
        var g = Clips.Seeded(9);
        var stepwise = x;
        foreach (var step in chain.Steps) stepwise = step.Apply(ClipBatch.Full(stepwise), g).X;
        Assert.Equal(stepwise.shape, fused.shape);
        Assert.True(Clips.MaxAbsDiff(fused, stepwise) < 1e-4f);
        if (fused.shape.SequenceEqual(x.shape)) Assert.True(Clips.MaxAbsDiff(fused, x) > 0.1f);
    }

    [Fact]
    public void Unknown_preset_names_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => AugmentationPresets.Create("nope"));
        Assert.Contains("aimclr-extreme", e.Message);
    }

    [Fact]
    public void Transforms_reject_clips_that_are_not_NCTVM()
    {
        _ = Clips.Random(1, 1);
        Assert.Throws<ArgumentException>(() => new Shear().Apply(ClipBatch.Full(zeros(new long[] { 2, 3, 4, 5 })), Clips.Seeded()).X);
        Assert.Throws<ArgumentException>(() => new Rotate().Apply(ClipBatch.Full(zeros(new long[] { 2, 2, 4, 25, 2 })), Clips.Seeded()).X);
    }
}
