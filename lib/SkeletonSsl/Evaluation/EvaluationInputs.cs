using SkeletonSsl.Augmentations;
using SkeletonSsl.Data;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// What a protocol feeds its encoder: a batch of a split with its valid frames, through the
/// protocol's optional crop (the configs' TrainAugmentation / TestTransform preset names, e.g. CMD's
/// <c>cmd-linear-train</c> and <c>cmd-test</c>, spec/pcm3.md §8), then the stream transform computed
/// from the cropped joints (§8: "streams are computed from the cropped 64-frame joint clip").
/// </summary>
internal static class EvaluationInputs
{
    /// <summary>The seed of a test transform's generator: the same test input in every check and every run.</summary>
    public const ulong TestSeed = 0;

    /// <summary>The preset named by a config field, or null; an unknown name is an ArgumentException naming the field.</summary>
    public static IAugmentation? Resolve(string? preset, string field)
    {
        if (preset is null) return null;
        try
        {
            return AugmentationPresets.Create(preset);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{field}: {e.Message}", field, e);
        }
    }

    /// <summary>
    /// The clips at <paramref name="indices"/> (B, int64 on the CPU) on the device, transformed when a
    /// transform is given (drawing from <paramref name="g"/>), then the stream: (B, C, T', V, M).
    /// </summary>
    public static Tensor Batch(SkeletonDataset data, Tensor indices, Device device, SkeletonStream stream, IAugmentation? transform, Generator g)
    {
        var x = data.Data.index_select(0, indices).to(device);                            // (B, C, T, V, M)
        if (transform is not null)
        {
            var frames = indices.data<long>().ToArray().Select(i => data.Frames[i]).ToArray();
            x = transform.Apply(new ClipBatch(x, frames), g).X;                            // e.g. crop-resize to 64 valid frames
        }
        return Streams.Apply(stream, x);
    }
}
