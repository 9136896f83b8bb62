using System.Text.Json.Nodes;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// <c>data inspect</c>: finds the <see cref="IDataInspector"/> for a path and returns its JSON summary
/// with the path added. Inspectors are every non-abstract <see cref="IDataInspector"/> in this assembly,
/// asked in order of type name; the first that accepts the path answers.
/// </summary>
public static class DataInspector
{
    private static readonly Lazy<IReadOnlyList<IDataInspector>> All = new(() => typeof(IDataInspector).Assembly.GetTypes()
        .Where(t => typeof(IDataInspector).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }
                    && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IDataInspector)Activator.CreateInstance(t)!)
        .ToList());

    /// <summary>The inspectors in the order they are asked.</summary>
    public static IReadOnlyList<IDataInspector> Inspectors => All.Value;

    /// <summary>Summarises a file or directory.</summary>
    public static JsonObject Inspect(string path)
    {
        bool isDirectory = Directory.Exists(path);
        if (!isDirectory && !File.Exists(path)) throw new FileNotFoundException($"{path}: no such file or directory", path);
        var inspector = Inspectors.FirstOrDefault(i => i.CanInspect(path))
            ?? throw new ArgumentException(isDirectory
                ? $"{path}: no inspector recognises this directory"
                : $"{path}: unknown file type; expected .skeleton, .npy, .npz, .pkl or a PKU-MMD .txt (skeleton or label) file");
        var summary = inspector.Inspect(path);
        var result = new JsonObject { ["path"] = path };
        foreach (var (key, value) in summary.ToList())
        {
            summary.Remove(key);
            result[key] = value;
        }
        return result;
    }
}
