using System.Collections.Concurrent;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Splits;
using SkeletonSsl.Data.Synthetic;
using static TorchSharp.torch;

namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// Prepares PKU-MMD Part I ("pku1") or Part II ("pku2") for action detection (PCM3 §4.3 item 4, Table 5; spec/pcm3.md
/// §8.7, spec/data.md §5): whole recordings, not cut into clips, as <b>raw coordinates</b> (no pre_normalization, §8.7)
/// in the kit's (N, 3, T, 25, 2) layout (person 1 = the file's values 0-74, person 2 = 75-149, zeros when absent),
/// zero-padded to the longest recording of the store (T = the manifest's frames), with each recording's frame count
/// (<c>num_frame</c>) and its per-frame labels (<see cref="PkuFrameLabels"/>: 0 background, the class id inside an
/// instance's inclusive [start, end], 255 padding; <c>{part}_frame_label.npy</c>). The official split files give
/// "xsub" and "xview" (spec/data.md §5.4). A part's clip label (<c>{part}_label.npy</c>, kept so the store reads like
/// any other) is the recording's most frequent action class, 0-based; detection uses the frame labels.
/// Bad input is an error naming file, line and field (the parsers'); a label line whose class lies outside the dataset's
/// classes is one too (line = 1-based line of the label file); an instance past the recording's end is cut at its last
/// frame and logged; a listed video without files is skipped and recorded in the manifest.
/// </summary>
public static class PkuDetectionPreparer
{
    /// <summary>The pipeline name recorded in the manifest and named on the command line (<c>--pipeline detection</c>).</summary>
    public const string Pipeline = "detection";

    /// <summary>Version of the detection store's content (bump on any change).</summary>
    public const string Version = "1";


    public static PreparedManifest Prepare(string dataset, string rawDir, string outDir, string? splitsDir = null, Action<string>? log = null,
        SkeletonTextOptions? textOptions = null, bool force = false)
    {
        log ??= _ => { };
        OutputGuard.Disjoint(rawDir, outDir, "the raw folder (--raw)", "the output folder (--out)");
        OutputGuard.Folder(outDir, "a prepared store", PreparedStoreWriter.IsStore, force);
        if (dataset is not ("pku1" or "pku2")) throw new ArgumentException($"unknown PKU-MMD dataset '{dataset}': expected pku1 or pku2 (detection reads PKU-MMD's untrimmed recordings)");
        var raw = PkuRawFolder.Open(dataset, rawDir, splitsDir);
        var (splits, synthetic, numClasses, classes) = (raw.Splits, raw.Synthetic, raw.NumClasses, raw.Classes);

        var videos = raw.Videos.Order(StringComparer.Ordinal).ToArray();
        var skipped = new ConcurrentBag<SkippedSample>();
        var read = new ConcurrentDictionary<string, (PkuSkeleton Skeleton, IReadOnlyList<PkuActionInstance> Labels)>(StringComparer.Ordinal);
        try
        {
            Parallel.ForEach(videos, video =>
        {
            string skeletonPath = raw.SkeletonPath(video), labelPath = raw.LabelPath(video);
            if (!File.Exists(skeletonPath) || !File.Exists(labelPath))
            {
                Skip(video, $"listed in a split file but {(File.Exists(skeletonPath) ? labelPath : skeletonPath)} does not exist");
                return;
            }
            var skeleton = PkuSkeletonFile.Read(skeletonPath, textOptions);                        // errors name file, line, field
            var labels = PkuLabelFile.Read(labelPath);
            if (skeleton.FrameCount == 0) { Skip(video, $"{skeletonPath} has no frames"); return; }
            for (int row = 0; row < labels.Count; row++)
            {
                var i = labels[row];
                if (i.Class > numClasses)
                    throw new DataFormatException(labelPath, $"class {i.Class} is outside the {numClasses} classes of {dataset}", line: row + 1, field: "class");
                if (i.Start > skeleton.FrameCount)
                    throw new DataFormatException(labelPath, $"instance [{i.Start}, {i.End}] starts after the recording's last frame ({skeleton.FrameCount} frames in {skeletonPath})", line: row + 1, field: "start");
                if (i.End > skeleton.FrameCount)
                    log($"{labelPath} line {row + 1}: instance [{i.Start}, {i.End}] ends after the recording's {skeleton.FrameCount} frames; cut at its last frame");
            }
            read[video] = (skeleton, labels);
        });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is DataFormatException) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();   // the first bad file, as a sequential read would report it
        }
        var kept = videos.Where(read.ContainsKey).ToArray();
        if (kept.Length == 0) throw new DataFormatException(rawDir, "no recording of the split files could be read", field: "videos");
        long length = kept.Max(v => (long)read[v].Skeleton.FrameCount);
        log($"{dataset}: {videos.Length} videos listed, {kept.Length} read, {kept.Sum(v => read[v].Labels.Count)} instances, longest {length} frames");

        using var writer = new PreparedStoreWriter(outDir, force);
        foreach (var (benchmark, split) in splits)
        {
            foreach (var (part, ids) in new[] { ("train", split.Train), ("val", split.Val) })
            {
                var set = ids.ToHashSet(StringComparer.Ordinal);
                var names = kept.Where(set.Contains).ToArray();
                using var scope = NewDisposeScope();
                var data = Recordings(names.Select(n => read[n].Skeleton).ToArray(), length);              // (N, 3, T, 25, 2)
                var frames = names.Select(n => (long)read[n].Skeleton.FrameCount).ToArray();
                var (labels, overlapping) = PkuFrameLabels.Of([.. names.Select(n => read[n].Labels)], frames, length);
                if (overlapping > 0) log($"{benchmark}/{part}: {overlapping} frames lie in more than one instance (the later label line wins)");
                var dominant = names.Select(n => (long)Dominant(read[n].Labels)).ToArray();
                writer.AddPart(benchmark, part, data, dominant, names, numClasses, frames);
                writer.AddFrameLabels(benchmark, part, labels);
                log($"{benchmark}/{part}: {names.Length} recordings, {names.Sum(n => read[n].Labels.Count)} instances");
            }
        }
        var parameters = new Dictionary<string, string> { ["dataset"] = dataset, ["pipeline"] = Pipeline, ["coordinates"] = "raw (no pre_normalization)" };
        if (synthetic is not null)
        {
            parameters["syntheticConfig"] = synthetic.Config.ToString();
            parameters["syntheticGenerator"] = synthetic.GeneratorVersion;
        }
        var provenance = new PreparedProvenance($"SkeletonSsl {typeof(PkuDetectionPreparer).Assembly.GetName().Version}", DateTimeOffset.UtcNow,
            synthetic is not null ? $"synthetic set imitating {synthetic.Imitates}, untrimmed" : $"{dataset} raw skeleton and label files, untrimmed",
            parameters, videos.Length, skipped.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray());
        return writer.Commit(dataset, Pipeline, Version, classes, (int)length, provenance);

        void Skip(string name, string reason)
        {
            skipped.Add(new SkippedSample(name, reason));
            log($"skipped {name}: {reason}");
        }
    }

    /// <summary>
    /// Raw recordings in the kit's layout: frame f of file values v·3 + c (person m at offset 75·m) → x[n, c, f, v, m],
    /// zero after the recording's frames: (N, 3, length, 25, 2) float32 on the CPU.
    /// </summary>
    public static Tensor Recordings(IReadOnlyList<PkuSkeleton> skeletons, long length)
    {
        var x = zeros(new long[] { skeletons.Count, 3, length, 25, 2 });
        for (int n = 0; n < skeletons.Count; n++)
        {
            var s = skeletons[n];
            using var frames = tensor(s.Values, new long[] { s.FrameCount, 2, 25, 3 });                    // (T, M, V, C)
            x[n, TensorIndex.Colon, TensorIndex.Slice(0, s.FrameCount)].copy_(frames.permute(3, 0, 2, 1));  // (C, T, V, M)
        }
        return x;
    }

    /// <summary>The most frequent class of a recording's instances (by frames covered), 0-based; 0 when it has none.</summary>
    private static int Dominant(IReadOnlyList<PkuActionInstance> labels) =>
        labels.Count == 0 ? 0 : labels.GroupBy(i => i.Label).OrderByDescending(g => g.Sum(i => i.Length)).ThenBy(g => g.Key).First().Key;

}
