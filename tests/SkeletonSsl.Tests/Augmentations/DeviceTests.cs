using SkeletonSsl.Augmentations;
using SkeletonSsl.Augmentations.Masks;
using SkeletonSsl.Augmentations.Mixing;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Augmentations;

/// <summary>
/// The draws come from the caller's CPU generator and never from the data's device or dtype, so a
/// preset gives the same shapes and values for float64 input and, where CUDA is present, on the GPU.
/// </summary>
public sealed class DeviceTests
{
    public static TheoryData<string> PresetNames() => new(AugmentationPresets.Names);

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Presets_give_the_same_shapes_and_values_on_other_devices_and_dtypes(string name)
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 4, t: name.StartsWith("aimclr") ? 50 : name == "pcm3-inter" ? 64 : 90);
        var preset = AugmentationPresets.Create(name);
        var reference = preset.Apply(ClipBatch.Full(x), Clips.Seeded()).X;
        foreach (var (device, dtype) in Variants())
        {
            var y = preset.Apply(ClipBatch.Full(x.to(dtype, device)), Clips.Seeded()).X;
            Assert.Equal(reference.shape, y.shape);
            Assert.Equal(device.type, y.device.type);
            Assert.Equal(dtype, y.dtype);
            Assert.True(Clips.MaxAbsDiff(reference, y.to(ScalarType.Float32, CPU)) < 1e-3f, $"{name} on {device.type}/{dtype}");
        }
    }

    [Fact]
    public void Masks_and_mixing_give_the_same_results_on_other_devices_and_dtypes()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 4, t: 64);
        IMasking[] masks = [new TopologyMask(), new RandomJointMask(), new SpatialOcclusion(), new TemporalOcclusion()];
        foreach (var (device, dtype) in Variants())
        {
            var xd = x.to(dtype, device);
            foreach (var mask in masks)
            {
                var expected = mask.Mask(ClipBatch.Full(x), Clips.Seeded()).Mask;
                var actual = mask.Mask(ClipBatch.Full(xd), Clips.Seeded()).Mask;
                Assert.Equal(x.shape, actual.shape);
                Assert.Equal(0f, Clips.MaxAbsDiff(expected, actual.to(ScalarType.Float32, CPU)));
            }
            var mix = new SkeleMix().Mix(ClipBatch.Full(xd), Clips.Seeded());
            Assert.Equal(x.shape, mix.Mixed.shape);
            Assert.Equal([4L], mix.Lambda.shape);
            Assert.Equal(new SkeleMix().Mix(ClipBatch.Full(x), Clips.Seeded()).Partner.data<long>().ToArray(), mix.Partner.cpu().data<long>().ToArray());
        }
    }

    private static IEnumerable<(Device, ScalarType)> Variants()
    {
        yield return (CPU, ScalarType.Float64);
        if (cuda.is_available()) yield return (CUDA, ScalarType.Float32);
    }
}
