using System.Collections.Concurrent;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Splits;
using SkeletonSsl.Data.Synthetic;
using static TorchSharp.torch;

namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// Prepares PKU-MMD Part I ("pku1") or Part II ("pku2") for recognition: reads the official split
/// files (spec/data.md §5.4), cuts every labelled instance of every listed video into a clip with
/// the pipeline's rule (§5.5, <see cref="PkuClipCutter"/>), runs the pipeline and writes a store with
/// splits "xsub" and "xview". Missing videos, unreadable files and empty clips are logged and
/// recorded in the manifest.
/// </summary>
public static class PkuPreparer
{
    private const int BatchSize = 256;

    public static PreparedManifest Prepare(string dataset, string rawDir, PreparePipeline pipeline, string outDir,
        string? splitsDir = null, Action<string>? log = null, IProgress<(int Done, int Total)>? progress = null,
        SkeletonTextOptions? textOptions = null,
        bool force = false)
    {
        log ??= _ => { };
        // Refused before any parsing: an output that would replace the input or a folder the kit did not write.
        OutputGuard.Disjoint(rawDir, outDir, "the raw folder (--raw)", "the output folder (--out)");
        OutputGuard.Folder(outDir, "a prepared store", PreparedStoreWriter.IsStore, force);
        if (dataset is not ("pku1" or "pku2")) throw new ArgumentException($"unknown PKU-MMD dataset '{dataset}': expected pku1 or pku2");
        var raw = PkuRawFolder.Open(dataset, rawDir, splitsDir);
        var (splits, synthetic, numClasses, classes) = (raw.Splits, raw.Synthetic, raw.NumClasses, raw.Classes);

        var videos = raw.Videos;
        var skipped = new ConcurrentBag<SkippedSample>();
        var clips = new ConcurrentBag<(string Name, string Video, int Label, NtuSkeletonSequence Clip)>();
        Parallel.ForEach(videos, video =>
        {
            string skeletonPath = raw.SkeletonPath(video), labelPath = raw.LabelPath(video);
            if (!File.Exists(skeletonPath) || !File.Exists(labelPath))
            {
                Skip(video, $"listed in a split file but {(File.Exists(skeletonPath) ? labelPath : skeletonPath)} does not exist");
                return;
            }
            try
            {
                var skeleton = PkuSkeletonFile.Read(skeletonPath, textOptions);
                var labels = PkuLabelFile.Read(labelPath);
                for (int row = 0; row < labels.Count; row++)
                {
                    var instance = labels[row];
                    string name = pipeline == PreparePipeline.AimClr ? AimClrName(dataset, video, instance, row) : $"{video}.txt_{row}";
                    if (instance.Label >= numClasses) { Skip(name, $"class {instance.Class} is outside the {numClasses} classes"); continue; }
                    var clip = pipeline == PreparePipeline.AimClr ? PkuClipCutter.AimClr(skeleton, instance) : PkuClipCutter.Cmd(skeleton, instance);
                    clips.Add((name, video, instance.Label, clip));
                }
            }
            catch (DataFormatException e) { Skip(video, e.Message); }
        });
        // AimCLR lists its clip files in sorted order; CMD follows the split files (kit: ordinal names for both).
        var ordered = clips.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();

        var chunks = new List<Tensor>();
        var kept = new List<(string Name, string Video, int Label, long Frames)>();
        try
        {
            for (int start = 0; start < ordered.Length; start += BatchSize)
            {
                var batch = ordered.Skip(start).Take(BatchSize).ToArray();
                var result = ClipBatchProcessor.Process(pipeline, batch.Select(b => b.Clip).ToArray(), energySelection: false);
                foreach (var (j, reason) in result.Dropped) Skip(batch[j].Name, reason);
                for (int k = 0; k < result.Kept.Length; k++)
                {
                    var c = batch[result.Kept[k]];
                    kept.Add((c.Name, c.Video, c.Label, result.FrameCounts[k]));
                }
                chunks.Add(result.Data);
                progress?.Report((Math.Min(start + BatchSize, ordered.Length), ordered.Length));
            }
            log($"{dataset}: {videos.Length} videos, {ordered.Length} instances, {kept.Count} prepared, {skipped.Count} skipped");
            using var all = cat(chunks, 0);
            using var writer = new PreparedStoreWriter(outDir, force);
            foreach (var (benchmark, split) in splits)
            {
                foreach (var (part, ids) in new[] { ("train", split.Train), ("val", split.Val) })
                {
                    var set = ids.ToHashSet(StringComparer.Ordinal);
                    var idx = Enumerable.Range(0, kept.Count).Where(i => set.Contains(kept[i].Video)).ToArray();
                    using var index = tensor(idx.Select(i => (long)i).ToArray());
                    using var data = all.index_select(0, index);
                    writer.AddPart(benchmark, part, data, idx.Select(i => (long)kept[i].Label).ToArray(), idx.Select(i => kept[i].Name).ToArray(),
                        numClasses, pipeline == PreparePipeline.Cmd ? idx.Select(i => kept[i].Frames).ToArray() : null);
                    log($"{benchmark}/{part}: {idx.Length} clips from {ids.Count} videos");
                }
            }
            var parameters = new Dictionary<string, string> { ["dataset"] = dataset, ["pipeline"] = pipeline.Name };
            if (synthetic is not null) parameters["syntheticConfig"] = synthetic.Config.ToString();
            var provenance = new PreparedProvenance($"SkeletonSsl {typeof(PkuPreparer).Assembly.GetName().Version}", DateTimeOffset.UtcNow,
                synthetic is not null ? $"synthetic set imitating {synthetic.Imitates}" : $"{dataset} raw skeleton and label files",
                parameters, videos.Length, skipped.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray());
            return writer.Commit(dataset, pipeline.Name, pipeline.Version, classes, pipeline.Frames, provenance);
        }
        finally
        {
            foreach (var c in chunks) c.Dispose();
        }

        void Skip(string name, string reason)
        {
            skipped.Add(new SkippedSample(name, reason));
            log($"skipped {name}: {reason}");
        }
    }

    /// <summary>AimCLR's clip file stem: F{vid3}V{view3}C{class3}L{idx3} (Part I) or A0{aa}N0{nn}V{view3}C{class3}L{idx3} (Part II).</summary>
    public static string AimClrName(string dataset, string video, PkuActionInstance instance, int row)
    {
        int dash = video.LastIndexOf('-');
        string id = dash > 0 ? video[..dash] : video;
        string view = dash > 0 ? video[(dash + 1)..] : "";
        int viewNumber = view switch { "L" => 1, "M" => 2, "R" => 3, _ => 0 };
        string prefix = dataset == "pku1" && int.TryParse(id, out int vid) ? $"F{vid % 1000:000}" : id.Replace("A", "A0").Replace("N", "N0");
        return $"{prefix}V{viewNumber:000}C{instance.Class:000}L{row + 1:000}";
    }

}
