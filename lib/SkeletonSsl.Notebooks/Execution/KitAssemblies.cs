using System.Reflection;

namespace SkeletonSsl.Notebooks.Execution;

/// <summary>
/// Maps the <c>#r</c> references of a notebook to assemblies of this process, so a notebook
/// runs headlessly against exactly the kit it was built with: <c>#r ".../SkeletonSsl.dll"</c> by
/// file name, <c>#r "nuget: Plotly.NET.CSharp"</c> by package id. Anything else is an error that
/// names the reference, because loading a second copy of an assembly would split its types.
/// </summary>
internal static class KitAssemblies
{
    /// <summary>Package ids whose assembly names differ from the id (backend packages, meta-packages).</summary>
    private static readonly Dictionary<string, string[]> Packages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TorchSharp-cpu"] = ["TorchSharp"],
        ["TorchSharp-cuda-linux"] = ["TorchSharp"],
        ["TorchSharp-cuda-windows"] = ["TorchSharp"],
        ["Plotly.NET.CSharp"] = ["Plotly.NET.CSharp", "Plotly.NET"],
        ["Plotly.NET.Interactive"] = ["Plotly.NET"],
    };

    public static IReadOnlyList<Assembly> Resolve(string reference)
    {
        if (reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            string id = reference["nuget:".Length..].Split(',')[0].Trim();
            var names = Packages.TryGetValue(id, out var mapped) ? mapped : [id];
            return names.Select(n => Load(n) ?? throw new ArgumentException(
                $"#r \"{reference}\": package {id} is not part of the kit, and the headless executor only references " +
                "the kit's own assemblies and their dependencies; add the package to the kit or remove the reference")).ToArray();
        }
        string name = Path.GetFileNameWithoutExtension(reference.Replace('\\', '/'));
        if (!reference.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.Length == 0)
            throw new ArgumentException($"#r \"{reference}\": expected an assembly path ending in .dll or \"nuget: PackageId\"");
        return [Load(name) ?? throw new ArgumentException(
            $"#r \"{reference}\": assembly {name} is not one of the kit's assemblies or their dependencies")];
    }

    private static Assembly? Load(string simpleName)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == simpleName);
        if (loaded is not null) return loaded;
        try
        {
            return Assembly.Load(new AssemblyName(simpleName));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
