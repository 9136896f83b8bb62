using System.CommandLine;
using SkeletonSsl.Augmentations;
using SkeletonSsl.Augmentations.Mixing;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Preprocessing;
using SkeletonSsl.Reporting;
using static TorchSharp.torch;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>data show --input FILE [--index I] [--preset NAME] [--seed S] --out FIG.html</c>: an offline
/// HTML page (plotly.js inlined) animating one clip of an .npy array (N, C, T, V, M) or (C, T, V, M),
/// or of an NTU .skeleton file; with a preset, the original next to each of its augmentations. The
/// augmentations read each clip's valid frames: a store's <c>{part}_data.npy</c> takes them from the
/// <c>{part}_num_frame.npy</c> next to it (min(num_frame, T)), a .skeleton file has all its frames,
/// other arrays count the frames up to the last non-zero one.
/// </summary>
public sealed class DataShowCommand : ICliCommand
{
    private const int BatchForPresets = 8;

    public string Parent => "data";

    public Command Build()
    {
        var input = new Option<string>("--input") { Description = "An .npy array (N, 3, T, 25, M) or (3, T, 25, M), or an NTU .skeleton file", Required = true };
        var index = new Option<int>("--index") { Description = "Which clip of the array", DefaultValueFactory = _ => 0 };
        var preset = new Option<string?>("--preset") { Description = $"Show this augmentation preset too: {string.Join(", ", AugmentationPresets.Names)}" };
        var seed = new Option<long>("--seed") { Description = "Seed of the augmentations' generator", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "The HTML file to write (an existing file only if the kit wrote it, unless --force)", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the output file even if it is not the kit's own output of this command (the inputs never)." };
        var command = new Command("show", "Animate a skeleton clip (and a preset's augmentations of it) as an offline HTML page.")
        {
            input, index, preset, seed, output, force,
        };
        command.SetAction(r => CliRun.Guard(() =>
        {
            string file = r.GetValue(input)!;
            string path = r.GetValue(output)!;
            OutputGuard.File(path, "a figure page", ReportPage.IsKitPage, r.GetValue(force), file);
            int i = r.GetValue(index);
            using var scope = NewDisposeScope();
            var (clips, frames) = Load(file);
            long n = clips.shape[0];
            if (i < 0 || i >= n) throw new UsageException($"--index {i} is out of range: {file} holds {n} clip(s)");
            string title = $"{Path.GetFileName(file)} [{i}]";
            var chart = r.GetValue(preset) is { } name
                ? PresetViews(clips, frames, i, name, file, r.GetValue(seed))
                : SkeletonFigure.Animated([(title, clips[i])], title);
            SkeletonFigure.Save(chart, path, title);
            Console.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }

    /// <summary>The preset's views of clip i, with its successors (wrapping) in the batch so mixing presets find partners.</summary>
    private static Plotly.NET.GenericChart PresetViews(Tensor clips, long[] frames, int i, string preset, string file, long seed)
    {
        long n = clips.shape[0];
        var augmentation = AugmentationPresets.Create(preset);
        if (augmentation is ISampleMixing && n < 3)
            throw new UsageException($"preset '{preset}' mixes clips of a batch and needs at least 3; {file} holds {n}");
        long take = Math.Min(n, BatchForPresets);
        var order = Enumerable.Range(0, (int)take).Select(k => (long)((i + k) % n)).ToArray();
        return SkeletonFigure.PresetViews(clips.index_select(0, tensor(order)), 0, augmentation, seed, order.Select(k => frames[k]).ToArray());
    }

    /// <summary>(N, 3, T, 25, M) float32 clips from an .npy array or one .skeleton file, with each clip's valid frames.</summary>
    private static (Tensor Clips, long[] Frames) Load(string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such file");
        if (file.EndsWith(".skeleton", StringComparison.OrdinalIgnoreCase))
        {
            var sequence = NtuSkeletonReader.Read(file);
            var values = new float[RawSkeletonArray.Size];
            int frames = RawSkeletonArray.FirstTwoBodies(sequence, values);
            if (frames == 0) throw new DataFormatException(file, "the file has no frames to show");
            var clip = tensor(values, new long[] { 1, RawSkeletonArray.Channels, RawSkeletonArray.Frames, RawSkeletonArray.Joints, RawSkeletonArray.Bodies });
            return (clip.narrow(2, 0, frames), [frames]);
        }
        if (!file.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"{file}: expected an .npy or .skeleton file");
        var array = Npy.ReadTensor(file);
        if (array.dim() == 4) array = array.unsqueeze(0);
        if (array.dim() != 5 || array.shape[1] != 3 || array.shape[3] != 25)
            throw new DataFormatException(file, $"expected an array shaped (N, 3, T, 25, M) or (3, T, 25, M), got ({string.Join(", ", array.shape)})");
        array = array.to(ScalarType.Float32);
        return (array, FramesNextTo(file, array));
    }

    /// <summary>min(num_frame, T) from a store's {part}_num_frame.npy beside {part}_data.npy, else the trailing-zero rule.</summary>
    private static long[] FramesNextTo(string file, Tensor clips)
    {
        const string suffix = "_data.npy";
        string name = Path.GetFileName(file);
        string numFrame = name.EndsWith(suffix, StringComparison.Ordinal)
            ? Path.Combine(Path.GetDirectoryName(file) ?? ".", name[..^suffix.Length] + "_num_frame.npy") : "";
        if (numFrame.Length == 0 || !File.Exists(numFrame)) return ValidFrames.TrailingZeros(clips);
        var recorded = Npy.Read(numFrame);
        long[] counts = recorded.Data switch
        {
            long[] l => l,
            int[] v => v.Select(x => (long)x).ToArray(),
            _ => throw new DataFormatException(numFrame, $"expected integer frame counts, got {recorded.ElementType}", field: "descr"),
        };
        if (counts.Length != clips.shape[0])
            throw new DataFormatException(numFrame, $"expected {clips.shape[0]} frame counts (one per clip of {name}), got {counts.Length}", field: "shape");
        if (counts.Any(c => c < 1))
            throw new DataFormatException(numFrame, $"every clip has at least one frame, found num_frame {counts.First(c => c < 1)}", field: "num_frame");
        return ValidFrames.FromRecorded(counts, clips.shape[2]);
    }
}
