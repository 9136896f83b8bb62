using System.Text.Json.Nodes;

namespace SkeletonSsl.Data.Formats;

/// <summary>Summary of an NTU <c>.skeleton</c> file: frames, most bodies in a frame, joints, empty
/// frames, the body ids seen (as strings: they exceed 2^53) and the file-name fields when the name parses.</summary>
internal sealed class NtuSkeletonInspector : IDataInspector
{
    public bool CanInspect(string path) => File.Exists(path) && path.EndsWith(".skeleton", StringComparison.OrdinalIgnoreCase);

    public JsonObject Inspect(string path)
    {
        var seq = NtuSkeletonReader.Read(path);
        var ids = seq.Frames.SelectMany(f => f.Bodies).Select(b => b.BodyId).Distinct()
            .Select(id => (JsonNode?)id.ToString()).ToArray();
        JsonObject? name = null;
        try
        {
            var n = NtuFileName.Parse(path);
            name = new JsonObject
            {
                ["setup"] = n.Setup, ["camera"] = n.Camera, ["performer"] = n.Performer,
                ["replication"] = n.Replication, ["action"] = n.Action, ["label"] = n.Label,
            };
        }
        catch (DataFormatException) { } // not every file carries a dataset name
        return new JsonObject
        {
            ["format"] = "ntu-skeleton",
            ["frames"] = seq.FrameCount,
            ["bodies"] = seq.MaxBodies,
            ["joints"] = NtuSkeletonReader.JointCount,
            ["empty_frames"] = seq.Frames.Count(f => f.Bodies.Count == 0),
            ["body_ids"] = new JsonArray(ids),
            ["name"] = name,
        };
    }
}
