using System.Text.Json.Nodes;

namespace SkeletonSsl.Data.Formats;

/// <summary>Summary of a <c>.npy</c> file from its header: dtype, shape, memory order, data offset;
/// checks that the file holds all the data the header promises.</summary>
internal sealed class NpyInspector : IDataInspector
{
    public bool CanInspect(string path) => File.Exists(path) && path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);

    public JsonObject Inspect(string path)
    {
        var h = Npy.ReadHeader(path);
        long length = new FileInfo(path).Length;
        if (length < h.DataOffset + h.DataBytes)
            throw new DataFormatException(path, $"truncated .npy data: shape {h.ShapeText} of {h.Descr} needs {h.DataBytes} bytes, the file holds {length - h.DataOffset}", field: "data");
        return Describe(h);
    }

    internal static JsonObject Describe(NpyHeader h) => new()
    {
        ["format"] = "npy",
        ["dtype"] = h.Descr,
        ["shape"] = new JsonArray(h.Shape.Select(d => (JsonNode?)d).ToArray()),
        ["fortran_order"] = h.FortranOrder,
        ["data_offset"] = h.DataOffset,
    };
}
