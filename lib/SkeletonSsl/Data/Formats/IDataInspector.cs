using System.Text.Json.Nodes;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// One kind of input that <c>data inspect</c> can summarise. Implementations in this assembly are found
/// by reflection (<see cref="DataInspector"/>), so supporting a new file type or a directory layout
/// (such as a prepared dataset store) is adding a class with a parameterless constructor.
/// </summary>
public interface IDataInspector
{
    /// <summary>Whether this inspector handles <paramref name="path"/>, a file or a directory that exists.
    /// Decide from the name or a cheap look at the content.</summary>
    bool CanInspect(string path);

    /// <summary>A JSON summary of <paramref name="path"/>. Bad input throws <see cref="DataFormatException"/>.</summary>
    JsonObject Inspect(string path);
}
