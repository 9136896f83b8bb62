using System.Text.Json.Nodes;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Data;

/// <summary>
/// <c>data inspect DIR</c> for a prepared store (or the authors' AimCLR frame50 folders): dataset,
/// pipeline and version, frames, classes, splits with their part counts, the content hash and
/// how many raw samples were skipped; where the store records num_frame (the CMD pipeline), the
/// clips' valid frames min(num_frame, T) per split part as min / median / max.
/// </summary>
internal sealed class PreparedStoreInspector : IDataInspector
{
    public bool CanInspect(string path) => Directory.Exists(path) &&
        (File.Exists(Path.Combine(path, PreparedManifest.FileName)) || AuthorsFiles.IsAimClrFolder(path)
         || Directory.EnumerateDirectories(path).Any(AuthorsFiles.IsAimClrFolder));

    public JsonObject Inspect(string path)
    {
        var store = PreparedStore.Open(path);
        var m = store.Manifest;
        var summary = new JsonObject
        {
            ["format"] = store.IsAuthorsFiles ? "authors' prepared files" : "prepared store",
            ["dataset"] = m.Dataset,
            ["pipeline"] = m.Pipeline,
            ["pipeline_version"] = m.PipelineVersion,
            ["frames"] = m.Frames,
            ["classes"] = m.NumClasses,
            ["splits"] = new JsonObject(m.Splits.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)new JsonObject(
                s.Parts.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Count)))))),
            ["content_hash"] = m.ContentHash,
            ["skipped"] = m.Provenance.Skipped.Count,
            ["source"] = m.Provenance.Source,
        };
        if (FrameSummary(store) is { } frames) summary["valid_frames"] = frames;
        return summary;
    }

    /// <summary>{split: {part: {min, median, max}}} of min(num_frame, T) for the parts that record num_frame; null if none does.</summary>
    private static JsonObject? FrameSummary(PreparedStore store)
    {
        var splits = new JsonObject();
        foreach (var split in store.Manifest.Splits)
        {
            var parts = new JsonObject();
            foreach (var part in split.Parts)
            {
                if (store.LoadFrameCounts(split.Name, part.Name) is not { Length: > 0 } recorded) continue;
                var valid = ValidFrames.FromRecorded(recorded, store.Manifest.Frames).Order().ToArray();
                int mid = valid.Length / 2;
                double median = valid.Length % 2 == 1 ? valid[mid] : (valid[mid - 1] + valid[mid]) / 2.0;
                parts[part.Name] = new JsonObject { ["min"] = valid[0], ["median"] = median, ["max"] = valid[^1] };
            }
            if (parts.Count > 0) splits[split.Name] = parts;
        }
        return splits.Count > 0 ? splits : null;
    }
}
