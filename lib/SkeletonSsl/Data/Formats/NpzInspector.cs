using System.Text.Json.Nodes;

namespace SkeletonSsl.Data.Formats;

/// <summary>Summary of a <c>.npz</c> archive: each member's key, dtype, shape, order and compression.</summary>
internal sealed class NpzInspector : IDataInspector
{
    public bool CanInspect(string path) => File.Exists(path) && path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);

    public JsonObject Inspect(string path) => new()
    {
        ["format"] = "npz",
        ["members"] = new JsonArray(Npz.List(path).Select(m => (JsonNode?)new JsonObject
        {
            ["key"] = m.Key,
            ["dtype"] = m.Header.Descr,
            ["shape"] = new JsonArray(m.Header.Shape.Select(d => (JsonNode?)d).ToArray()),
            ["fortran_order"] = m.Header.FortranOrder,
            ["compressed"] = m.Compressed,
        }).ToArray()),
    };
}
