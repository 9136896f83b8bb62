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
/// or of an NTU .skeleton file; with a preset, the original next to each of its augmentations.
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
            var clips = Load(file);
            long n = clips.shape[0];
            if (i < 0 || i >= n) throw new UsageException($"--index {i} is out of range: {file} holds {n} clip(s)");
            string title = $"{Path.GetFileName(file)} [{i}]";
            var chart = r.GetValue(preset) is { } name
                ? SkeletonFigure.PresetViews(Window(clips, i, name, file), 0, AugmentationPresets.Create(name), r.GetValue(seed))
                : SkeletonFigure.Animated([(title, clips[i])], title);
            SkeletonFigure.Save(chart, path, title);
            Console.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }

    /// <summary>Clip i first, then its successors (wrapping), so mixing presets find partners.</summary>
    private static Tensor Window(Tensor clips, int i, string preset, string file)
    {
        long n = clips.shape[0];
        if (AugmentationPresets.Create(preset) is ISampleMixing && n < 3)
            throw new UsageException($"preset '{preset}' mixes clips of a batch and needs at least 3; {file} holds {n}");
        long take = Math.Min(n, BatchForPresets);
        var order = Enumerable.Range(0, (int)take).Select(k => (long)((i + k) % n)).ToArray();
        return clips.index_select(0, tensor(order));
    }

    /// <summary>(N, 3, T, 25, M) float32 clips from an .npy array or one .skeleton file.</summary>
    private static Tensor Load(string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such file");
        if (file.EndsWith(".skeleton", StringComparison.OrdinalIgnoreCase))
        {
            var sequence = NtuSkeletonReader.Read(file);
            var values = new float[RawSkeletonArray.Size];
            int frames = RawSkeletonArray.FirstTwoBodies(sequence, values);
            if (frames == 0) throw new DataFormatException(file, "the file has no frames to show");
            var clip = tensor(values, new long[] { 1, RawSkeletonArray.Channels, RawSkeletonArray.Frames, RawSkeletonArray.Joints, RawSkeletonArray.Bodies });
            return clip.narrow(2, 0, frames);
        }
        if (!file.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"{file}: expected an .npy or .skeleton file");
        var array = Npy.ReadTensor(file);
        if (array.dim() == 4) array = array.unsqueeze(0);
        if (array.dim() != 5 || array.shape[1] != 3 || array.shape[3] != 25)
            throw new DataFormatException(file, $"expected an array shaped (N, 3, T, 25, M) or (3, T, 25, M), got ({string.Join(", ", array.shape)})");
        return array.to(ScalarType.Float32);
    }
}
