using System.Text.Json.Nodes;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Data;

/// <summary>
/// <c>data inspect DIR</c> for a prepared store (or the authors' AimCLR frame50 folders): dataset,
/// pipeline and version, frames, classes, splits with their part counts, the content hash and
/// how many raw samples were skipped.
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
        return new JsonObject
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
    }
}
