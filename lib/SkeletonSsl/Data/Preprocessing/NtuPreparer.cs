using System.Collections.Concurrent;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Splits;
using SkeletonSsl.Data.Synthetic;
using static TorchSharp.torch;

namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// Prepares an NTU RGB+D 60/120 raw folder (or the synthetic set that imitates it) into a
/// <see cref="PreparedStore"/>: list the .skeleton files (ordinal name order), drop the official
/// missing-skeleton names, parse in parallel, run the pipeline in batches, split by the dataset's
/// benchmarks (spec/data.md §2) and write the store atomically. Unreadable files, zero-length
/// samples and files longer than 300 frames are reported through the log and recorded in the
/// manifest; they never stop the run.
/// </summary>
public static class NtuPreparer
{
    private const int BatchSize = 256;

    /// <param name="dataset">"ntu60" or "ntu120".</param>
    /// <param name="rawDir">A folder holding the .skeleton files, directly or in its sub-folders.</param>
    /// <param name="ignoreFile">The missing-skeleton list; null looks for the official file name in the raw folder.</param>
    /// <param name="textOptions">How the raw text is read; by default a non-finite coordinate makes its file skipped (with the reason).</param>
    /// <param name="log">One line per notable event (skipped or truncated samples, counts).</param>
    /// <param name="force">Replace whatever is in <paramref name="outDir"/>, not only an older prepared store (never the raw folder).</param>
    public static PreparedManifest Prepare(string dataset, string rawDir, PreparePipeline pipeline, string outDir,
        string? ignoreFile = null, Action<string>? log = null, IProgress<(int Done, int Total)>? progress = null,
        SkeletonTextOptions? textOptions = null,
        bool force = false)
    {
        log ??= _ => { };
        // Refused before any parsing: an output that would replace the input or a folder the kit did not write.
        OutputGuard.Disjoint(rawDir, outDir, "the raw folder (--raw)", "the output folder (--out)");
        OutputGuard.Folder(outDir, "a prepared store", PreparedStoreWriter.IsStore, force);
        var benchmarks = NtuBenchmark.For(dataset);
        if (!Directory.Exists(rawDir)) throw new DirectoryNotFoundException($"{rawDir}: raw folder not found");
        var synthetic = SyntheticDescription.TryRead(rawDir);
        var ignore = KnownMissingList.Read(KnownMissingList.Locate(dataset, rawDir, ignoreFile));

        var files = ListSkeletonFiles(rawDir);
        if (files.Count == 0) throw new FileNotFoundException($"{rawDir}: no .skeleton files found (looked in the folder and its sub-folders)");
        var skipped = new List<SkippedSample>();
        var samples = new List<(string Name, string Path, NtuFileName Fields)>();
        int maxSetup = dataset == "ntu60" ? 17 : 32;
        foreach (var (name, path) in files)
        {
            if (ignore.Contains(name)) { skipped.Add(new SkippedSample(name, "in the missing-skeleton list")); continue; }
            NtuFileName fields;
            try { fields = NtuFileName.Parse(path); }
            catch (DataFormatException e) { Skip(name, e.Message); continue; }
            if (fields.Setup > maxSetup) { skipped.Add(new SkippedSample(name, $"setup S{fields.Setup:000} is not part of {dataset}")); continue; }
            samples.Add((name, path, fields));
        }
        int numClasses = synthetic?.Config.Classes ?? (dataset == "ntu60" ? 60 : 120);
        var classes = synthetic?.Classes.ToArray() ?? Enumerable.Range(1, numClasses).Select(a => $"A{a:000}").ToArray();
        foreach (var s in samples.Where(s => s.Fields.Label >= numClasses).ToArray())
        {
            Skip(s.Name, $"action A{s.Fields.Action:000} is outside {dataset}'s {numClasses} classes");
            samples.Remove(s);
        }

        var chunks = new List<Tensor>();
        var kept = new List<(string Name, NtuFileName Fields, long Frames)>();
        try
        {
            for (int start = 0; start < samples.Count; start += BatchSize)
            {
                var batch = samples.Skip(start).Take(BatchSize).ToArray();
                var parsed = new NtuSkeletonSequence?[batch.Length];
                var errors = new ConcurrentBag<(int, string)>();
                Parallel.For(0, batch.Length, i =>
                {
                    try { parsed[i] = NtuSkeletonReader.Read(batch[i].Path, textOptions); }
                    catch (Exception e) when (e is DataFormatException or IOException) { errors.Add((i, e.Message)); }
                });
                foreach (var (i, message) in errors.OrderBy(e => e.Item1)) Skip(batch[i].Name, message);
                var ok = Enumerable.Range(0, batch.Length).Where(i => parsed[i] is not null).ToArray();
                foreach (int i in ok.Where(i => parsed[i]!.FrameCount > RawSkeletonArray.Frames))
                    log($"{batch[i].Path}: {parsed[i]!.FrameCount} frames, truncated to {RawSkeletonArray.Frames}");
                var result = ClipBatchProcessor.Process(pipeline, ok.Select(i => parsed[i]!).ToArray());
                foreach (var (j, reason) in result.Dropped) Skip(batch[ok[j]].Name, reason);
                for (int k = 0; k < result.Kept.Length; k++)
                {
                    var s = batch[ok[result.Kept[k]]];
                    kept.Add((s.Name, s.Fields, result.FrameCounts[k]));
                }
                chunks.Add(result.Data);
                progress?.Report((Math.Min(start + BatchSize, samples.Count), samples.Count));
            }
            log($"{dataset}: {files.Count} files, {kept.Count} prepared, {skipped.Count} skipped");

            using var all = cat(chunks, 0);
            using var writer = new PreparedStoreWriter(outDir, force);
            foreach (var benchmark in benchmarks)
            {
                foreach (string part in new[] { "train", "val" })
                {
                    var idx = Enumerable.Range(0, kept.Count).Where(i => benchmark.PartOf(kept[i].Fields) == part).ToArray();
                    using var index = tensor(idx.Select(i => (long)i).ToArray());
                    using var data = all.index_select(0, index);
                    writer.AddPart(benchmark.Name, part, data, idx.Select(i => (long)kept[i].Fields.Label).ToArray(),
                        idx.Select(i => kept[i].Name).ToArray(), numClasses,
                        pipeline == PreparePipeline.Cmd ? idx.Select(i => kept[i].Frames).ToArray() : null);
                    log($"{benchmark.Name}/{part}: {idx.Length} clips");
                }
            }
            var parameters = new Dictionary<string, string>
            {
                ["dataset"] = dataset, ["pipeline"] = pipeline.Name, ["ignoreList"] = ignore.Count.ToString(),
            };
            if (synthetic is not null)
            {
                parameters["syntheticGenerator"] = synthetic.GeneratorVersion;
                parameters["syntheticConfig"] = synthetic.Config.ToString();
            }
            var provenance = new PreparedProvenance($"SkeletonSsl {typeof(NtuPreparer).Assembly.GetName().Version}", DateTimeOffset.UtcNow,
                synthetic is not null ? $"synthetic set imitating {synthetic.Imitates}" : $"{dataset} raw .skeleton files",
                parameters, files.Count, skipped);
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

    /// <summary>The .skeleton files of a folder and its immediate sub-folders, as (stem, path) in ordinal stem order.</summary>
    public static IReadOnlyList<(string Name, string Path)> ListSkeletonFiles(string rawDir)
    {
        var dirs = new[] { rawDir }.Concat(Directory.EnumerateDirectories(rawDir));
        return dirs.SelectMany(d => Directory.EnumerateFiles(d, "*.skeleton"))
            .Select(p => (Name: Path.GetFileNameWithoutExtension(p), Path: p))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();
    }
}
