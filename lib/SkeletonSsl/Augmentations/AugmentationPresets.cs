namespace SkeletonSsl.Augmentations;

/// <summary>
/// The named augmentation chains of the three papers. <see cref="Create"/> returns a fresh
/// transform; every preset takes the caller's generator, so the same seed gives the same views.
/// <list type="bullet">
/// <item><c>aimclr-normal</c>: AimCLR's T, crop (pad ratio 6) then shear 0.5 (spec/aimclr.md §2.1).</item>
/// <item><c>aimclr-extreme</c>: AimCLR's T' in the paper's chain (also the 2021 release's): crop,
/// shear, spatial flip, rotate, temporal flip, Gaussian noise, Gaussian blur, axis mask (§2.2).</item>
/// <item><c>aimclr-extreme-released</c>: the released code's default chain ('12345'), without temporal flip.</item>
/// <item><c>cmd-basic</c>: CMD's crop-resize [0.1, 1] to 64 frames, then per clip joint jittering or shear 1 (spec/pcm3.md §3).</item>
/// <item><c>a2mc-weak</c>: A2MC's weak view = the basic augmentation (spec/a2mc.md §2.3).</item>
/// <item><c>a2mc-strong</c>: basic + AimCLR's extreme ops without temporal flip, A2MC's order (§2.3, order reconstructed).</item>
/// <item><c>pcm3-intra</c>: PCM3's intra-sample views v1/v2 (the CMD chain, spec/pcm3.md §3).</item>
/// <item><c>pcm3-mask-view</c>: PCM3's v3, crop-resize then always shear 1 (the masked/reconstructed view).</item>
/// <item><c>pcm3-inter</c>: PCM3's inter-sample mixing (CutMix / ResizeMix / Mixup, spec/pcm3.md §6.2) on 64-frame clips.</item>
/// <item><c>cmd-linear-train</c>, <c>cmd-test</c>: the downstream crops [0.5, 1] and the 0.95 centre crop (spec/pcm3.md §8).</item>
/// </list>
/// </summary>
public static class AugmentationPresets
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "aimclr-normal", "aimclr-extreme", "aimclr-extreme-released", "cmd-basic", "a2mc-weak", "a2mc-strong",
        "pcm3-intra", "pcm3-mask-view", "pcm3-inter", "cmd-linear-train", "cmd-test",
    ];

    /// <summary>The preset's transform; throws ArgumentException naming the known presets.</summary>
    public static IAugmentation Create(string name) => name switch
    {
        "aimclr-normal" => new Compose(name, [new TemporalCropPad(), new Shear(0.5)]),
        "aimclr-extreme" => AimClrExtreme(name, withTemporalFlip: true),
        "aimclr-extreme-released" => AimClrExtreme(name, withTemporalFlip: false),
        "cmd-basic" or "a2mc-weak" or "pcm3-intra" => CmdBasic(name),
        "a2mc-strong" => new Compose(name,
        [
            TemporalCropResize.Random(), JitterOrShear(), new SpatialFlip(), new Rotate(), new GaussianNoise(),
            new GaussianBlur(), new AxisMask(),
        ]),
        "pcm3-mask-view" => new Compose(name, [TemporalCropResize.Random(), new Shear(1.0)]),
        "pcm3-inter" => new Mixing.SkeleMix(),
        "cmd-linear-train" => new Compose(name, [TemporalCropResize.Random(0.5, 1.0)]),
        "cmd-test" => new Compose(name, [TemporalCropResize.Centre(0.95)]),
        _ => throw new ArgumentException($"unknown augmentation preset '{name}'; expected one of: {string.Join(", ", Names)}", nameof(name)),
    };

    private static Compose AimClrExtreme(string name, bool withTemporalFlip)
    {
        List<IAugmentation> steps = [new TemporalCropPad(), new Shear(0.5), new SpatialFlip(), new Rotate()];
        if (withTemporalFlip) steps.Add(new TemporalFlip());                     // paper / 2021 order: after Rotate
        steps.AddRange([new GaussianNoise(), new GaussianBlur(), new AxisMask()]);
        return new Compose(name, steps);
    }

    private static Compose CmdBasic(string name) => new(name, [TemporalCropResize.Random(), JitterOrShear()]);

    private static OneOf JitterOrShear() => new(new JointJitter(), new Shear(1.0));
}
